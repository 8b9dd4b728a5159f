using System.Text.Json.Serialization.Metadata;
using ImportErrorAnalytics.Model;
using ImportErrorAnalytics.Parsing;
using ImportErrorAnalytics.Reporting;

namespace ImportErrorAnalytics.Aggregation.BuiltIn;

/// <summary>
/// The most frequent invalid values per column: exact up to <c>distinctCapacity</c> distinct values per column, a
/// Space-Saving summary past that. Sensitive values are counted under one key no real value can have, and shown
/// as <c>[REDACTED]</c>. With a <paramref name="maskKey"/>, every other value is shown as its keyed hash.
/// </summary>
internal sealed partial class TopInvalidValuesAggregator(int distinctCapacity, int top, int displayLength, ValueMaskKey? maskKey = null)
    : IErrorAggregator<TopValuesState, IReadOnlyList<ColumnTopValues>>, IPageAggregator<TopValuesState>
{
    /// <summary>Invalid UTF-8 (0xFF), so no JSON string can produce it.</summary>
    internal static ReadOnlySpan<byte> RedactedKey => [0xFF];

    public string Name => "topInvalidValues";

    /// <summary>The key values are masked with; <see langword="null"/> when they are shown.</summary>
    public ValueMaskKey? MaskKey => maskKey;

    public JsonTypeInfo<IReadOnlyList<ColumnTopValues>> ResultTypeInfo => BuiltInJsonContext.Default.IReadOnlyListColumnTopValues;

    public TopValuesState CreateState() => new(distinctCapacity);

    void IPageAggregator<TopValuesState>.AddPage(TopValuesState state, ImportErrorPage page)
    {
        for (var i = 0; i < page.Count; i++)
        {
            Add(state, page.GetRecordUnchecked(i));
        }
    }

    public void Add(TopValuesState state, in ImportErrorRecord record)
    {
        if (!record.HasInvalidValue)
        {
            return;
        }

        var counter = state.Get(ColumnKey.From(record.KnownColumnNumber));
        counter.Add(record.IsSensitive ? RedactedKey : record.InvalidValue);
    }

    public void Merge(TopValuesState into, TopValuesState other)
    {
        foreach (var (key, counter) in other.Columns)
        {
            into.Get(key).Merge(counter);
        }
    }

    public IReadOnlyList<ColumnTopValues> GetResult(TopValuesState state) => GetResult(state, null);

    internal List<ColumnTopValues> GetResult(TopValuesState state, ColumnsState? columns)
    {
        var keys = state.Columns.Keys.ToList();
        keys.Sort((a, b) =>
        {
            var byCount = state.Columns[b].Total.CompareTo(state.Columns[a].Total);
            return byCount != 0 ? byCount : ColumnKey.Compare(a, b);
        });
        return keys.ConvertAll(key => Describe(key, state.Columns[key], columns?.PropertyOf(key)));
    }

    /// <summary>
    /// The indices of the <paramref name="count"/> highest-ranked values (count descending, then value bytes), in rank
    /// order. Values are distinct, so the rank is a total order and this equals the first <paramref name="count"/> of a
    /// full sort; but a report wants 10 of up to <c>distinctCapacity</c> values per column, so they are selected into a
    /// small sorted buffer (O(n log k), no array of n) instead of sorting all n.
    /// </summary>
    internal static int[] TopIndices(ValueCounter counter, int count)
    {
        var n = counter.Count;
        if (count >= n)
        {
            var all = new int[n];
            for (var i = 0; i < n; i++)
            {
                all[i] = i;
            }

            Array.Sort(all, (a, b) => Rank(counter, a, b));
            return all;
        }

        var best = new int[count];
        var kept = 0;
        for (var i = 0; i < n && count > 0; i++)
        {
            if (kept == count && Rank(counter, i, best[kept - 1]) >= 0)
            {
                continue;
            }

            int lo = 0, hi = kept;
            while (lo < hi)
            {
                var mid = (lo + hi) >>> 1;
                if (Rank(counter, i, best[mid]) < 0)
                {
                    hi = mid;
                }
                else
                {
                    lo = mid + 1;
                }
            }

            var moved = Math.Min(kept, count - 1) - lo;
            if (moved > 0)
            {
                Array.Copy(best, lo, best, lo + 1, moved);
            }

            best[lo] = i;
            kept = Math.Min(kept + 1, count);
        }

        return best;
    }

    /// <summary>Negative when value <paramref name="a"/> ranks before <paramref name="b"/>: higher count, then smaller bytes.</summary>
    private static int Rank(ValueCounter counter, int a, int b)
    {
        var c = counter.CountOf(b).CompareTo(counter.CountOf(a));
        return c != 0 ? c : counter.KeyOf(a).SequenceCompareTo(counter.KeyOf(b));
    }

    private ColumnTopValues Describe(long key, ValueCounter counter, string? property)
    {
        var order = TopIndices(counter, top);
        var values = new List<InvalidValueCount>(order.Length);
        foreach (var index in order)
        {
            var bytes = counter.KeyOf(index);
            var redacted = bytes.SequenceEqual(RedactedKey);
            var text = redacted ? ValueText.Redacted : maskKey is not null ? ValueText.Mask(bytes, maskKey) : ValueText.Cut(bytes, displayLength);
            values.Add(new InvalidValueCount
            {
                Value = text.Text,
                Count = counter.CountOf(index),
                MaxError = counter.ErrorOf(index),
                Truncated = text.Truncated,
                Length = text.Length,
                Redacted = redacted,
                Masked = maskKey is not null && !redacted,
            });
        }

        return new ColumnTopValues
        {
            Column = ColumnKey.ToColumn(key),
            Property = property,
            Exact = counter.IsExact,
            DistinctValues = counter.IsExact ? counter.Count : null,
            DistinctValuesAtLeast = counter.IsExact ? counter.Count : counter.Capacity + 1,
            ValuesCounted = counter.Total,
            Values = values,
        };
    }
}

/// <summary>A value counter per column.</summary>
internal sealed class TopValuesState
{
    private readonly KeyedStates<ValueCounter> _columns;

    public TopValuesState(int capacity)
    {
        Capacity = capacity;
        _columns = new(() => new ValueCounter(capacity));
    }

    public int Capacity { get; }

    public Dictionary<long, ValueCounter> Columns => _columns.Items;

    public ValueCounter Get(long key) => _columns.Get(key);
}
