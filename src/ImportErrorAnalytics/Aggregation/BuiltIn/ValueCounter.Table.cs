namespace ImportErrorAnalytics.Aggregation.BuiltIn;

/// <summary>The open-addressing index (linear probing, backward-shift deletion) and the min-heap of counters.</summary>
internal sealed partial class ValueCounter
{
    private int Find(ReadOnlySpan<byte> value, int hash)
    {
        var mask = _buckets.Length - 1;
        for (var i = hash & mask; ; i = (i + 1) & mask)
        {
            var slot = _buckets[i];
            if (slot == 0)
            {
                return -1;
            }

            ref var entry = ref _entries[slot - 1];
            if (entry.Hash == hash && value.SequenceEqual(_arena.AsSpan(entry.Offset, entry.Length)))
            {
                return slot - 1;
            }
        }
    }

    private void AddToBuckets(int index)
    {
        var mask = _buckets.Length - 1;
        var i = _entries[index].Hash & mask;
        while (_buckets[i] != 0)
        {
            i = (i + 1) & mask;
        }

        _buckets[i] = index + 1;
    }

    private void RemoveFromBuckets(int index)
    {
        var mask = _buckets.Length - 1;
        var i = _entries[index].Hash & mask;
        while (_buckets[i] != index + 1)
        {
            i = (i + 1) & mask;
        }

        var j = i;
        while (true)
        {
            j = (j + 1) & mask;
            var slot = _buckets[j];
            if (slot == 0)
            {
                break;
            }

            var home = _entries[slot - 1].Hash & mask;
            // Move the entry at j back into the hole at i unless its home lies cyclically in (i, j].
            var homeInRange = i <= j ? (home > i && home <= j) : (home > i || home <= j);
            if (!homeInRange)
            {
                _buckets[i] = slot;
                i = j;
            }
        }

        _buckets[i] = 0;
    }

    private void Rehash(int size)
    {
        _buckets = new int[size];
        for (var index = 0; index < Count; index++)
        {
            AddToBuckets(index);
        }
    }

    private void BuildHeap()
    {
        _heap = new int[Count];
        for (var i = 0; i < Count; i++)
        {
            _heap[i] = i;
            _entries[i].HeapPosition = i;
        }

        for (var i = (Count / 2) - 1; i >= 0; i--)
        {
            SiftDown(i);
        }
    }

    /// <summary>
    /// A total order (count, then entry index), so the counter evicted is the same whatever the heap's history:
    /// a counter restored from a checkpoint goes on exactly as the original would have.
    /// </summary>
    private bool Less(int a, int b)
    {
        var countA = _entries[a].Count;
        var countB = _entries[b].Count;
        return countA < countB || (countA == countB && a < b);
    }

    private void SiftDown(int position)
    {
        var heap = _heap!;
        var n = Count;
        while (true)
        {
            var left = (2 * position) + 1;
            if (left >= n)
            {
                return;
            }

            var right = left + 1;
            var smallest = right < n && Less(heap[right], heap[left]) ? right : left;
            if (!Less(heap[smallest], heap[position]))
            {
                return;
            }

            (heap[position], heap[smallest]) = (heap[smallest], heap[position]);
            _entries[heap[position]].HeapPosition = position;
            _entries[heap[smallest]].HeapPosition = smallest;
            position = smallest;
        }
    }
}
