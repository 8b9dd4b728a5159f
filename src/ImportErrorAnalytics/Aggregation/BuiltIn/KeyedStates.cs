namespace ImportErrorAnalytics.Aggregation.BuiltIn;

/// <summary>
/// Per-key sub-states (per column, per file) created on first use, at most <see cref="Max"/> of them besides the
/// <c>exempt</c> key (no column, no file). The <see cref="Max"/> smallest keys met keep a sub-state of their own; every
/// other key is counted in one bucket, <see cref="Other"/>: a key smaller than the largest kept one takes its place, and
/// the sub-state it replaces is folded into the bucket. Which keys are kept depends on the set of keys only, never on
/// the order they came in, so a merge (<see cref="MergeFrom"/>) of states holding any split of the records keeps the
/// same keys, and the bucket holds the same records.
/// <para>
/// Records come in runs of the same key, so the last hit is remembered and most lookups skip the dictionary. A key that
/// went to the bucket stays there (the largest kept key only ever gets smaller).
/// </para>
/// </summary>
/// <typeparam name="T">The sub-state.</typeparam>
internal sealed class KeyedStates<T>
    where T : class
{
    private readonly Func<T> _create;
    private readonly Func<T> _createOther;
    private readonly Action<T, T> _fold;
    private readonly long _exempt;

    /// <summary>A max-heap of the kept keys (the exempt key not included).</summary>
    private long[] _heap = [];
    private int _heapCount;
    private long _lastKey;
    private T? _last;

    /// <param name="create">Creates a key's sub-state.</param>
    /// <param name="createOther">Creates the bucket.</param>
    /// <param name="fold">Adds a sub-state (second) into the bucket (first).</param>
    /// <param name="max">The most keys kept, besides <paramref name="exempt"/>.</param>
    /// <param name="exempt">The key that is always kept and not counted against <paramref name="max"/>.</param>
    public KeyedStates(Func<T> create, Func<T> createOther, Action<T, T> fold, int max, long exempt)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 0);
        (_create, _createOther, _fold, Max, _exempt) = (create, createOther, fold, max, exempt);
    }

    /// <summary>The most keys kept apart, besides the exempt key.</summary>
    public int Max { get; }

    public Dictionary<long, T> Items { get; } = [];

    /// <summary>
    /// Whether <see cref="Max"/> keys are kept apart (the exempt key not counted): only then can a key have gone to the
    /// bucket, so a state with a bucket and room for more keys was not made by a run or a merge.
    /// </summary>
    public bool IsFull => _heapCount == Max;

    /// <summary>The bucket of the keys not kept; <see langword="null"/> while every key was kept.</summary>
    public T? Other { get; private set; }

    /// <summary>The sub-state that counts <paramref name="key"/>: its own, or the bucket.</summary>
    public T Get(long key)
    {
        if (_last is not null && key == _lastKey)
        {
            return _last;
        }

        if (!Items.TryGetValue(key, out var state))
        {
            state = Place(key);
        }

        _lastKey = key;
        _last = state;
        return state;
    }

    /// <summary>
    /// Adds every sub-state of <paramref name="other"/>: with <paramref name="merge"/> into a kept key's sub-state, with
    /// the fold into the bucket; then <paramref name="other"/>'s bucket into this one's.
    /// </summary>
    public void MergeFrom(KeyedStates<T> other, Action<T, T> merge)
    {
        foreach (var (key, state) in other.Items)
        {
            var target = Get(key);
            if (ReferenceEquals(target, Other))
            {
                _fold(target, state);
            }
            else
            {
                merge(target, state);
            }
        }

        if (other.Other is { } bucket)
        {
            merge(Other ??= _createOther(), bucket);
        }
    }

    /// <summary>Adds a sub-state read from a saved form.</summary>
    /// <exception cref="FormatException">The key is there already, or the saved state holds more keys than <see cref="Max"/>.</exception>
    public void Restore(long key, T state)
    {
        if (Items.ContainsKey(key))
        {
            throw new FormatException($"The saved state holds the key {key} twice.");
        }

        if (key != _exempt)
        {
            if (_heapCount == Max)
            {
                throw new FormatException($"The saved state holds more than {Max} keys, the limit on distinct keys it was made with.");
            }

            Push(key);
        }

        Items.Add(key, state);
        _last = null;
    }

    /// <summary>Sets the bucket read from a saved form.</summary>
    public void RestoreOther(T other)
    {
        Other = other;
        _last = null;
    }

    private T Place(long key)
    {
        T state;
        if (key == _exempt || _heapCount < Max)
        {
            state = _create();
            if (key != _exempt)
            {
                Push(key);
            }

            Items.Add(key, state);
            return state;
        }

        if (Max == 0 || key > _heap[0])
        {
            return Other ??= _createOther();
        }

        var largest = _heap[0];
        var evicted = Items[largest];
        Items.Remove(largest);
        _fold(Other ??= _createOther(), evicted);
        _heap[0] = key;
        SiftDown(0);
        state = _create();
        Items.Add(key, state);
        return state;
    }

    private void Push(long key)
    {
        if (_heapCount == _heap.Length)
        {
            Array.Resize(ref _heap, Math.Min(Math.Max(4, _heap.Length * 2), Math.Max(Max, 4)));
        }

        var i = _heapCount++;
        _heap[i] = key;
        while (i > 0)
        {
            var parent = (i - 1) / 2;
            if (_heap[parent] >= _heap[i])
            {
                break;
            }

            (_heap[parent], _heap[i]) = (_heap[i], _heap[parent]);
            i = parent;
        }
    }

    private void SiftDown(int i)
    {
        while (true)
        {
            var left = (2 * i) + 1;
            if (left >= _heapCount)
            {
                return;
            }

            var right = left + 1;
            var largest = right < _heapCount && _heap[right] > _heap[left] ? right : left;
            if (_heap[i] >= _heap[largest])
            {
                return;
            }

            (_heap[i], _heap[largest]) = (_heap[largest], _heap[i]);
            i = largest;
        }
    }
}
