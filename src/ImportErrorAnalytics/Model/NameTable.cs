using System.Text;

namespace ImportErrorAnalytics.Model;

/// <summary>
/// Numbers the names of one kind (error types, object types) that one run meets. Id 0 is "absent"; ids 1 to
/// <see cref="KnownCount"/> are the documented names (a shared, immutable <see cref="NameSeed"/>); <see cref="OtherId"/>
/// is the bucket of the unknown names that came after the table was full; the ids after it are the unknown names, in the
/// order they were first added, at most <c>maxUnknown</c> of them.
/// <para>
/// Readers (the parse workers, on several threads) never lock and never allocate: they probe an open-addressing index
/// whose slots are published with a release write after the entry they point to is complete, so a reader that sees an id
/// sees its name. One writer at a time, under a lock, adds a name in place, or when the entries are full copies them into
/// a table twice the size and publishes that (readers still probing the old one find what they found before): adding a
/// name is amortized O(1). A table belongs to one run (or one snapshot state): nothing of it outlives what holds it.
/// </para>
/// </summary>
internal sealed class NameTable
{
    /// <summary>The name the bucket of unknown names past the cap is reported under.</summary>
    public const string OtherName = "(other unknown)";

    private readonly object _gate = new();
    private readonly int _maxUnknown;
    private volatile Entries _entries;

    /// <summary>Set (after the last admission) once no unknown name will be admitted any more.</summary>
    private volatile bool _full;

    private int _unknown;

    /// <param name="seed">The documented names.</param>
    /// <param name="maxUnknown">The most unknown names the table numbers; later ones get <see cref="OtherId"/>.</param>
    public NameTable(NameSeed seed, int maxUnknown)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxUnknown, 0);
        _maxUnknown = maxUnknown;
        Seed = seed;
        KnownCount = seed.Count;
        var entries = new Entries(Math.Max(16, (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)seed.Count + 2)));
        for (var i = 0; i < seed.Count; i++)
        {
            entries.Insert(i + 1, seed.Keys[i], seed.Names[i], seed.Hashes[i]);
        }

        // The bucket has a name but no place in the index: no input name can find it.
        entries.Names[OtherId] = OtherName;
        entries.Count = OtherId + 1;
        _full = maxUnknown == 0;
        _entries = entries;
    }

    /// <summary>The documented names the table starts from.</summary>
    public NameSeed Seed { get; }

    /// <summary>Whether the table numbers every name it is given (a table for reading or merging states, not a run's).</summary>
    public bool IsUnbounded => _maxUnknown == int.MaxValue;

    /// <summary>A table that numbers every name it is given: states read from a saved form, and merges of states of different runs.</summary>
    public static NameTable Unbounded(NameSeed seed) => new(seed, int.MaxValue);

    /// <summary>Number of documented names (ids 1 to this).</summary>
    public int KnownCount { get; }

    /// <summary>The id of the bucket that counts unknown names past the cap.</summary>
    public int OtherId => KnownCount + 1;

    /// <summary>Unknown names numbered so far.</summary>
    public int UnknownCount => Volatile.Read(ref _unknown);

    /// <summary>The name of <paramref name="id"/> (<see cref="OtherName"/> for the bucket), or <see langword="null"/> for 0.</summary>
    public string? this[int id] => id == 0 ? null : _entries.Names[id];

    public bool IsKnown(int id) => id > 0 && id <= KnownCount;

    /// <summary>Whether <paramref name="id"/> is an unknown name with an id of its own (not the bucket).</summary>
    public bool IsUnknownName(int id) => id > OtherId;

    /// <summary>The UTF-8 bytes of a named id (not 0, not the bucket).</summary>
    public ReadOnlySpan<byte> Utf8(int id) => _entries.Keys[id];

    /// <summary>The id of <paramref name="utf8"/>, or 0 when the table does not number it.</summary>
    public int Find(ReadOnlySpan<byte> utf8) => _entries.Find(utf8, ByteHash.Compute(utf8));

    /// <summary>
    /// The id of <paramref name="utf8"/> (valid UTF-8), adding it when it is new and the table has room, else
    /// <see cref="OtherId"/>. A name refused once is refused for the rest of the table's life.
    /// </summary>
    public int GetOrAdd(ReadOnlySpan<byte> utf8)
    {
        var hash = ByteHash.Compute(utf8);

        // Read the flag first: when it is set, every admission happened before, so the entries read next hold them all.
        var full = _full;
        var id = _entries.Find(utf8, hash);
        if (id != 0)
        {
            return id;
        }

        return full ? OtherId : AddSlow(utf8, hash);
    }

    private int AddSlow(ReadOnlySpan<byte> utf8, int hash)
    {
        lock (_gate)
        {
            var entries = _entries;
            var id = entries.Find(utf8, hash);
            if (id != 0)
            {
                return id;
            }

            if (_unknown >= _maxUnknown)
            {
                _full = true;
                return OtherId;
            }

            if (entries.Count == entries.Names.Length)
            {
                entries = entries.Grow();
            }

            id = entries.Count;
            entries.Insert(id, utf8.ToArray(), Encoding.UTF8.GetString(utf8), hash);
            entries.Count = id + 1;
            Volatile.Write(ref _unknown, _unknown + 1);
            if (!ReferenceEquals(entries, _entries))
            {
                _entries = entries;
            }

            if (_unknown >= _maxUnknown)
            {
                _full = true;
            }

            return id;
        }
    }

    /// <summary>The entries and their index. Only the writer (under the lock) changes them.</summary>
    private sealed class Entries
    {
        public Entries(int capacity)
        {
            Keys = new byte[capacity][];
            Names = new string[capacity];
            Hashes = new int[capacity];
            Index = new int[capacity * 2];
        }

        /// <summary>Open addressing with linear probing; a slot holds an id, or 0. Twice the entries, so at most half full.</summary>
        public int[] Index { get; }

        public byte[]?[] Keys { get; }

        public string?[] Names { get; }

        public int[] Hashes { get; }

        /// <summary>Ids in use (0 and the bucket included); read and written under the lock only.</summary>
        public int Count { get; set; }

        public int Find(ReadOnlySpan<byte> utf8, int hash)
        {
            var index = Index;
            var mask = index.Length - 1;
            for (var i = hash & mask; ; i = (i + 1) & mask)
            {
                // Acquire: pairs with the release in Insert, so the entry behind the id is complete.
                var id = Volatile.Read(ref index[i]);
                if (id == 0)
                {
                    return 0;
                }

                if (Hashes[id] == hash && utf8.SequenceEqual(Keys[id]))
                {
                    return id;
                }
            }
        }

        /// <summary>Writes the entry, then publishes its index slot.</summary>
        public void Insert(int id, byte[] key, string name, int hash)
        {
            Keys[id] = key;
            Names[id] = name;
            Hashes[id] = hash;
            var mask = Index.Length - 1;
            var i = hash & mask;
            while (Index[i] != 0)
            {
                i = (i + 1) & mask;
            }

            Volatile.Write(ref Index[i], id);
        }

        /// <summary>A copy twice the size, not yet visible to readers.</summary>
        public Entries Grow()
        {
            var grown = new Entries(Names.Length * 2);
            for (var id = 1; id < Count; id++)
            {
                if (Keys[id] is { } key)
                {
                    grown.Insert(id, key, Names[id]!, Hashes[id]);
                }
                else
                {
                    grown.Names[id] = Names[id];
                }
            }

            grown.Count = Count;
            return grown;
        }
    }
}
