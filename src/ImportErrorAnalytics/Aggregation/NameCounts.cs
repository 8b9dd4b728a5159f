using System.Diagnostics;
using ImportErrorAnalytics.Model;

namespace ImportErrorAnalytics.Aggregation;

/// <summary>
/// Counts per name (error types, object types): an open-addressing map from a <see cref="NameTable"/>'s ids to counts,
/// sized by the names actually counted (one column that saw one type holds one entry, whatever the run's table holds).
/// <para>
/// A state counts in the table of the records it meets: an empty state takes the table of its first record; a state
/// read from a snapshot or checkpoint has a table of its own and moves its names into the run's table, once, at the first
/// record it meets there. Merging states of different tables maps names by their text, so ids never leave their table.
/// </para>
/// <para>
/// At most <see cref="MaxUnknown"/> undocumented names keep a count of their own. A run's table never numbers more, so a
/// run's states never hold more; a merge of states from several runs (snapshots, imports) keeps the
/// <see cref="MaxUnknown"/> undocumented names that come first in ordinal (UTF-8 byte) order and adds the counts of the
/// others to the <see cref="NameTable.OtherId"/> bucket. That rule depends on the set of names only, so merges stay
/// associative and commutative, and every count is exact: a name's count is all its errors in the runs that kept it.
/// </para>
/// </summary>
internal sealed class NameCounts(int maxUnknown)
{
    /// <summary>Slot keys: id + 1, or 0 for an empty slot. The length is a power of two, at most half full.</summary>
    private int[] _keys = [];
    private long[] _counts = [];
    private int _lastId = -1;
    private int _lastSlot;

    /// <summary>The most undocumented names with a count of their own.</summary>
    public int MaxUnknown { get; } = maxUnknown;

    /// <summary>The table the ids belong to; <see langword="null"/> until the first count.</summary>
    public NameTable? Table { get; private set; }

    /// <summary>Distinct ids counted (absent and the bucket included).</summary>
    public int Count { get; private set; }

    /// <summary>Counts one record's name.</summary>
    public void Add(NameTable table, int id)
    {
        Debug.Assert(id >= 0, "A name id: 0 for an absent name, else a number of the table.");
        if (id == _lastId && ReferenceEquals(table, Table))
        {
            Debug.Assert((uint)_lastSlot < (uint)_counts.Length && _keys[_lastSlot] == id + 1, "The remembered slot holds the remembered id.");
            _counts[_lastSlot]++;
            return;
        }

        AddSlow(table, id);
    }

    /// <summary>The count of <paramref name="id"/> in <see cref="Table"/>.</summary>
    public long this[int id]
    {
        get
        {
            var slot = Find(id);
            return slot >= 0 ? _counts[slot] : 0;
        }
    }

    /// <summary>The counts, in no particular order.</summary>
    public List<(int Id, long Count)> Entries()
    {
        var list = new List<(int, long)>(Count);
        for (var slot = 0; slot < _keys.Length; slot++)
        {
            if (_keys[slot] != 0)
            {
                list.Add((_keys[slot] - 1, _counts[slot]));
            }
        }

        return list;
    }

    /// <summary>Makes an empty state count in <paramref name="table"/> (a state being read from its saved form).</summary>
    public void BindTo(NameTable table)
    {
        if (Count != 0)
        {
            throw new InvalidOperationException("Only an empty state can be bound to a table.");
        }

        Table = table;
        _lastId = -1;
    }

    /// <summary>Counts in <paramref name="table"/> from now on, its names moved there (a restored state joining its run).</summary>
    public void UseTable(NameTable table)
    {
        if (!ReferenceEquals(table, Table))
        {
            MoveTo(table);
        }
    }

    /// <summary>Adds <paramref name="count"/> to <paramref name="id"/> of <see cref="Table"/> (reading a saved state).</summary>
    public void AddCount(int id, long count)
    {
        var slot = FindOrInsert(id);
        _counts[slot] = checked(_counts[slot] + count);
    }

    public void Merge(NameCounts other)
    {
        if (other.Count == 0)
        {
            return;
        }

        if (Table is null || Count == 0)
        {
            Table = other.Table;
            _lastId = -1;
        }

        var from = other.Table!;
        if (!ReferenceEquals(from, Table) && !Table!.IsUnbounded)
        {
            // A run's table would refuse names past its limit in the order they come; a merge keeps them by the merge's
            // rule instead, so it counts in a table of its own.
            MoveTo(NameTable.Unbounded(Table.Seed));
        }

        var table = Table!;
        for (var slot = 0; slot < other._keys.Length; slot++)
        {
            if (other._keys[slot] != 0)
            {
                var id = other._keys[slot] - 1;
                AddCount(ReferenceEquals(from, table) ? id : Map(from, id, table), other._counts[slot]);
            }
        }

        Normalize();
    }

    /// <summary>
    /// The counts with their names, sorted by count descending, then by name (ordinal), then the records without a name,
    /// then the bucket.
    /// </summary>
    public List<(string? Name, bool Known, bool Other, long Count)> Sorted()
    {
        var list = new List<(string? Name, bool Known, bool Other, long Count)>(Count);
        if (Table is { } table)
        {
            foreach (var (id, count) in Entries())
            {
                list.Add((table[id], table.IsKnown(id), id == table.OtherId, count));
            }
        }

        list.Sort(static (a, b) =>
        {
            var c = b.Count.CompareTo(a.Count);
            if (c == 0)
            {
                c = Rank(a).CompareTo(Rank(b));
            }

            return c != 0 ? c : string.CompareOrdinal(a.Name, b.Name);
        });
        return list;

        static int Rank((string? Name, bool Known, bool Other, long Count) x) => x.Other ? 2 : x.Name is null ? 1 : 0;
    }

    /// <summary>The sum of the counts.</summary>
    public long Total()
    {
        long total = 0;
        for (var slot = 0; slot < _counts.Length; slot++)
        {
            total = checked(total + _counts[slot]);
        }

        return total;
    }

    /// <summary>Undocumented names with a count of their own (the bucket not included).</summary>
    public int UnknownNames()
    {
        var table = Table;
        var unknown = 0;
        if (table is not null)
        {
            for (var slot = 0; slot < _keys.Length; slot++)
            {
                if (table.IsUnknownName(_keys[slot] - 1))
                {
                    unknown++;
                }
            }
        }

        return unknown;
    }

    /// <summary>The id in <paramref name="to"/> of <paramref name="id"/> in <paramref name="from"/> (tables of one kind share their documented ids).</summary>
    private static int Map(NameTable from, int id, NameTable to) =>
        id <= from.OtherId ? id : to.GetOrAdd(from.Utf8(id));

    private void AddSlow(NameTable table, int id)
    {
        if (!ReferenceEquals(table, Table))
        {
            MoveTo(table);
        }

        var slot = FindOrInsert(id);
        _counts[slot]++;
        _lastId = id;
        _lastSlot = slot;
    }

    /// <summary>Takes <paramref name="table"/>; names counted in another table move into it.</summary>
    private void MoveTo(NameTable table)
    {
        var old = Table;
        var entries = Count == 0 ? [] : Entries();
        Table = table;
        _lastId = -1;
        if (entries.Count == 0)
        {
            return;
        }

        _keys = [];
        _counts = [];
        Count = 0;
        foreach (var (id, count) in entries)
        {
            AddCount(Map(old!, id, table), count);
        }

        Normalize();
    }

    /// <summary>Keeps the <see cref="MaxUnknown"/> undocumented names first in ordinal order; the others' counts go to the bucket.</summary>
    private void Normalize()
    {
        if (UnknownNames() <= MaxUnknown)
        {
            return;
        }

        var table = Table!;
        var entries = Entries();
        var unknown = entries.FindAll(e => table.IsUnknownName(e.Id));
        unknown.Sort((a, b) => table.Utf8(a.Id).SequenceCompareTo(table.Utf8(b.Id)));
        var dropped = new HashSet<int>();
        long other = 0;
        for (var i = MaxUnknown; i < unknown.Count; i++)
        {
            dropped.Add(unknown[i].Id);
            other += unknown[i].Count;
        }

        _keys = [];
        _counts = [];
        Count = 0;
        _lastId = -1;
        foreach (var (id, count) in entries)
        {
            if (!dropped.Contains(id))
            {
                AddCount(id, count);
            }
        }

        AddCount(table.OtherId, other);
    }

    private int Find(int id)
    {
        if (_keys.Length == 0)
        {
            return -1;
        }

        var mask = _keys.Length - 1;
        for (var slot = id & mask; ; slot = (slot + 1) & mask)
        {
            var key = _keys[slot];
            if (key == id + 1)
            {
                return slot;
            }

            if (key == 0)
            {
                return -1;
            }
        }
    }

    private int FindOrInsert(int id)
    {
        var found = Find(id);
        if (found >= 0)
        {
            return found;
        }

        if ((Count + 1) * 2 > _keys.Length)
        {
            Grow();
        }

        var mask = _keys.Length - 1;
        for (var slot = id & mask; ; slot = (slot + 1) & mask)
        {
            var key = _keys[slot];
            if (key == id + 1)
            {
                return slot;
            }

            if (key == 0)
            {
                _keys[slot] = id + 1;
                Count++;
                return slot;
            }
        }
    }

    private void Grow()
    {
        var (keys, counts) = (_keys, _counts);
        var size = Math.Max(2, keys.Length * 2);
        _keys = new int[size];
        _counts = new long[size];
        _lastId = -1;
        var mask = size - 1;
        for (var i = 0; i < keys.Length; i++)
        {
            if (keys[i] != 0)
            {
                var slot = (keys[i] - 1) & mask;
                while (_keys[slot] != 0)
                {
                    slot = (slot + 1) & mask;
                }

                _keys[slot] = keys[i];
                _counts[slot] = counts[i];
            }
        }
    }
}
