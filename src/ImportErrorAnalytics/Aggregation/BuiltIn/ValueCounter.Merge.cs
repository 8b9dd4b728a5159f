namespace ImportErrorAnalytics.Aggregation.BuiltIn;

/// <summary>Merging two counters of the same capacity: exact while the union fits, else the Space-Saving merge.</summary>
internal sealed partial class ValueCounter
{
    public void Merge(ValueCounter other)
    {
        if (other.Capacity != Capacity)
        {
            throw new InvalidOperationException($"Cannot merge value counters of capacities {Capacity} and {other.Capacity}.");
        }

        if (IsExact && other.IsExact && Count + CountMissing(other) <= Capacity)
        {
            for (var i = 0; i < other.Count; i++)
            {
                Add(other.KeyOf(i), other._entries[i].Count, 0);
            }

            return;
        }

        MergeApproximate(other);
    }

    private int CountMissing(ValueCounter other)
    {
        var missing = 0;
        for (var i = 0; i < other.Count; i++)
        {
            if (Find(other.KeyOf(i), other._entries[i].Hash) < 0)
            {
                missing++;
            }
        }

        return missing;
    }

    /// <summary>
    /// A value absent from one side may have occurred there up to that side's minimum counter, so it is credited with
    /// that minimum as count and as error; then the <see cref="Capacity"/> largest counters are kept.
    /// </summary>
    private void MergeApproximate(ValueCounter other)
    {
        var myMin = MinCount;
        var otherMin = other.MinCount;
        var candidates = new List<(ValueCounter Owner, int Index, long Count, long Error)>(Count + other.Count);
        for (var i = 0; i < Count; i++)
        {
            var j = other.Find(KeyOf(i), _entries[i].Hash);
            var addCount = j >= 0 ? other._entries[j].Count : otherMin;
            var addError = j >= 0 ? other._entries[j].Error : otherMin;
            candidates.Add((this, i, _entries[i].Count + addCount, _entries[i].Error + addError));
        }

        for (var j = 0; j < other.Count; j++)
        {
            if (Find(other.KeyOf(j), other._entries[j].Hash) < 0)
            {
                candidates.Add((other, j, other._entries[j].Count + myMin, other._entries[j].Error + myMin));
            }
        }

        candidates.Sort(static (a, b) =>
        {
            var c = b.Count.CompareTo(a.Count);
            if (c != 0)
            {
                return c;
            }

            c = a.Error.CompareTo(b.Error);
            return c != 0 ? c : a.Owner.KeyOf(a.Index).SequenceCompareTo(b.Owner.KeyOf(b.Index));
        });

        var keep = Math.Min(Capacity, candidates.Count);
        var merged = new ValueCounter(Capacity);
        foreach (var (owner, index, count, error) in candidates.Take(keep))
        {
            merged.Insert(owner.KeyOf(index), owner._entries[index].Hash, count, error);
        }

        merged.Total = Total + other.Total;
        if (merged.Count == Capacity)
        {
            merged.BuildHeap();
        }

        TakeFrom(merged);
    }

    private void TakeFrom(ValueCounter merged)
    {
        _buckets = merged._buckets;
        _entries = merged._entries;
        _arena = merged._arena;
        _arenaUsed = merged._arenaUsed;
        _garbage = 0;
        _heap = merged._heap;
        Count = merged.Count;
        Total = merged.Total;
    }
}
