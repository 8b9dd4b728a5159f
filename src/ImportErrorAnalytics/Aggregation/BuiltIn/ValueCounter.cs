using ImportErrorAnalytics.Model;

namespace ImportErrorAnalytics.Aggregation.BuiltIn;

/// <summary>
/// Counts byte-string values. Exact while at most <see cref="Capacity"/> distinct values were seen; past that a
/// Space-Saving summary of <see cref="Capacity"/> counters: each reported count over-estimates the true count by at
/// most its error, and every value occurring more than <c>Total / Capacity</c> times is present.
/// Values live in one arena (compacted as evictions leave garbage), indexed by an open-addressing table:
/// no allocation per record once the structures have grown. Every structure starts empty and grows with the values
/// counted, so a column that saw one value costs a few dozen bytes.
/// </summary>
internal sealed partial class ValueCounter
{
    /// <summary>An index of one empty slot: finds nothing, and is replaced before the first value goes in.</summary>
    private static readonly int[] NoBuckets = [0];

    private int[] _buckets = NoBuckets;
    private Entry[] _entries = [];
    private byte[] _arena = [];
    private int _arenaUsed;
    private long _garbage;
    private int[]? _heap;

    public ValueCounter(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
    }

    public int Capacity { get; }

    /// <summary>Distinct values held (exact mode: distinct values seen).</summary>
    public int Count { get; private set; }

    /// <summary>Values added (the sum of the true counts).</summary>
    public long Total { get; private set; }

    public bool IsExact => _heap is null;

    /// <summary>The smallest counter when approximate (the bound on any absent value's count), else 0.</summary>
    public long MinCount => _heap is null ? 0 : _entries[_heap[0]].Count;

    public void Add(ReadOnlySpan<byte> value) => Add(value, 1, 0);

    public ReadOnlySpan<byte> KeyOf(int index) => _arena.AsSpan(_entries[index].Offset, _entries[index].Length);

    public long CountOf(int index) => _entries[index].Count;

    public long ErrorOf(int index) => _entries[index].Error;

    /// <summary>The index of <paramref name="value"/>, or -1.</summary>
    public int IndexOf(ReadOnlySpan<byte> value) => Find(value, ByteHash.Compute(value));

    private void Add(ReadOnlySpan<byte> value, long count, long error)
    {
        Total += count;
        var hash = ByteHash.Compute(value);
        var index = Find(value, hash);
        if (index >= 0)
        {
            _entries[index].Count += count;
            _entries[index].Error += error;
            if (_heap is not null)
            {
                SiftDown(_entries[index].HeapPosition);
            }

            return;
        }

        if (Count < Capacity)
        {
            Insert(value, hash, count, error);
            return;
        }

        if (_heap is null)
        {
            BuildHeap();
        }

        Evict(value, hash, count, error);
    }

    /// <summary>
    /// Adds every counter of <paramref name="other"/> as a weighted Space-Saving update (a counter absent here replaces
    /// the smallest, and inherits its count as error): each count stays within its error of the true count, in
    /// O(other's counters × log capacity), whatever this counter holds. What a key past the limit of distinct keys is
    /// folded into the bucket with.
    /// </summary>
    public void Absorb(ValueCounter other)
    {
        long added = 0;
        for (var i = 0; i < other.Count; i++)
        {
            Add(other.KeyOf(i), other._entries[i].Count, other._entries[i].Error);
            added += other._entries[i].Count;
        }

        Total += other.Total - added;
        if (!other.IsExact && _heap is null)
        {
            // Other held Capacity distinct values, so this one is full too: it is now approximate.
            BuildHeap();
        }
    }

    private void Evict(ReadOnlySpan<byte> value, int hash, long count, long error)
    {
        var victim = _heap![0];
        ref var entry = ref _entries[victim];
        RemoveFromBuckets(victim);
        _garbage += entry.Length;
        var min = entry.Count;
        entry.Offset = Store(value);
        entry.Length = value.Length;
        entry.Hash = hash;
        entry.Error = min + error;
        entry.Count = min + count;
        AddToBuckets(victim);
        SiftDown(0);
        CompactIfWasteful();
    }

    private void Insert(ReadOnlySpan<byte> value, int hash, long count, long error)
    {
        if (Count == _entries.Length)
        {
            Array.Resize(ref _entries, Math.Min(Math.Max(_entries.Length * 2, 2), Math.Max(Capacity, 2)));
        }

        var index = Count++;
        _entries[index] = new Entry { Offset = Store(value), Length = value.Length, Hash = hash, Count = count, Error = error };
        if (Count * 2 > _buckets.Length)
        {
            Rehash(Math.Max(_buckets.Length * 2, 4));
        }
        else
        {
            AddToBuckets(index);
        }
    }

    private int Store(ReadOnlySpan<byte> value)
    {
        if (_arenaUsed + value.Length > _arena.Length)
        {
            var size = Math.Max((long)_arena.Length * 2, (long)_arenaUsed + value.Length);
            Array.Resize(ref _arena, (int)Math.Min(size, Array.MaxLength));
        }

        value.CopyTo(_arena.AsSpan(_arenaUsed));
        var offset = _arenaUsed;
        _arenaUsed += value.Length;
        return offset;
    }

    private void CompactIfWasteful()
    {
        if (_garbage < 64 * 1024 || _garbage < _arenaUsed / 2)
        {
            return;
        }

        var fresh = new byte[Math.Max(1024, (int)(_arenaUsed - _garbage) * 2)];
        var used = 0;
        for (var i = 0; i < Count; i++)
        {
            ref var entry = ref _entries[i];
            _arena.AsSpan(entry.Offset, entry.Length).CopyTo(fresh.AsSpan(used));
            entry.Offset = used;
            used += entry.Length;
        }

        _arena = fresh;
        _arenaUsed = used;
        _garbage = 0;
    }

    private struct Entry
    {
        public int Offset;
        public int Length;
        public int Hash;
        public int HeapPosition;
        public long Count;
        public long Error;
    }
}
