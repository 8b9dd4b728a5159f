namespace ImportErrorAnalytics.Aggregation.BuiltIn;

/// <summary>
/// Per-key sub-states (per column, per file) created on first use. Records come in runs of the same key, so the
/// last hit is remembered and most lookups skip the dictionary.
/// </summary>
internal sealed class KeyedStates<T>(Func<T> create)
    where T : class
{
    private long _lastKey;
    private T? _last;

    public Dictionary<long, T> Items { get; } = [];

    public T Get(long key)
    {
        if (_last is not null && key == _lastKey)
        {
            return _last;
        }

        if (!Items.TryGetValue(key, out var state))
        {
            state = create();
            Items.Add(key, state);
        }

        _lastKey = key;
        _last = state;
        return state;
    }
}
