using System.Text.Json.Serialization.Metadata;
using ImportErrorAnalytics.Model;
using ImportErrorAnalytics.Parsing;
using ImportErrorAnalytics.Reporting;

namespace ImportErrorAnalytics.Aggregation.BuiltIn;

/// <summary>
/// The most frequent invalid values per column: exact up to <c>distinctCapacity</c> distinct values per column, a
/// Space-Saving summary past that. Sensitive values are counted under one key no real value can have, and shown
/// as <c>[REDACTED]</c>. With a <paramref name="maskKey"/>, every other value is shown as its keyed hash. A value
/// longer than the display needs is counted under its shortened key (<see cref="ValueKey"/>), so a column holds at
/// most <c>distinctCapacity</c> values of bounded size. At most <c>maxKeys</c> columns (the smallest numbers) are kept
/// apart; the values of the others are counted together.
/// </summary>
internal sealed partial class TopInvalidValuesAggregator(int distinctCapacity, int top, int displayLength, ValueMaskKey? maskKey = null, int maxKeys = BuiltInSettings.DefaultMaxDistinctKeys)
    : IErrorAggregator<TopValuesState, IReadOnlyList<ColumnTopValues>>, IPageAggregator<TopValuesState>
{
    /// <summary>Invalid UTF-8 (0xFF), so no JSON string can produce it.</summary>
    internal static ReadOnlySpan<byte> RedactedKey => [0xFF];

    public string Name => "topInvalidValues";

    /// <summary>The key values are masked with; <see langword="null"/> when they are shown.</summary>
    public ValueMaskKey? MaskKey => maskKey;

    public JsonTypeInfo<IReadOnlyList<ColumnTopValues>> ResultTypeInfo => BuiltInJsonContext.Default.IReadOnlyListColumnTopValues;

    public TopValuesState CreateState() => new(distinctCapacity, ValueKey.ThresholdFor(displayLength), maxKeys);

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
        counter.Add(record.IsSensitive ? RedactedKey : state.KeyOf(record.InvalidValue));
    }

    public void Merge(TopValuesState into, TopValuesState other) => into.MergeFrom(other);

    public IReadOnlyList<ColumnTopValues> GetResult(TopValuesState state) => GetResult(state, null);

    internal List<ColumnTopValues> GetResult(TopValuesState state, ColumnsState? columns)
    {
        var rows = new List<(long Key, ValueCounter Counter, bool Other)>(state.Columns.Count + 1);
        foreach (var (key, counter) in state.Columns)
        {
            rows.Add((key, counter, false));
        }

        if (state.Other is { } other)
        {
            rows.Add((ColumnKey.None, other, true));
        }

        rows.Sort(static (a, b) =>
        {
            var byCount = b.Counter.Total.CompareTo(a.Counter.Total);
            return byCount != 0 ? byCount : a.Other != b.Other ? a.Other.CompareTo(b.Other) : ColumnKey.Compare(a.Key, b.Key);
        });
        return rows.ConvertAll(row => Describe(row.Key, row.Counter, row.Other ? null : columns?.PropertyOf(row.Key), row.Other));
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

    private ColumnTopValues Describe(long key, ValueCounter counter, string? property, bool other)
    {
        var order = TopIndices(counter, top);
        var values = new List<InvalidValueCount>(order.Length);
        foreach (var index in order)
        {
            var bytes = counter.KeyOf(index);
            var redacted = bytes.SequenceEqual(RedactedKey);
            var text = redacted ? ValueText.Redacted : ValueKey.Display(bytes, displayLength, maskKey);
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
            Column = other ? null : ColumnKey.ToColumn(key),
            Other = other,
            Property = property,
            Exact = counter.IsExact,
            DistinctValues = counter.IsExact ? counter.Count : null,
            DistinctValuesAtLeast = counter.IsExact ? counter.Count : counter.Capacity + 1,
            ValuesCounted = counter.Total,
            Values = values,
        };
    }
}

/// <summary>A value counter per kept column, and one for the other columns.</summary>
internal sealed class TopValuesState
{
    private readonly KeyedStates<ValueCounter> _columns;
    private byte[]? _scratch;

    /// <param name="capacity">Distinct values per column counted exactly.</param>
    /// <param name="threshold">The longest value counted whole (see <see cref="ValueKey"/>).</param>
    /// <param name="maxKeys">The most columns kept apart.</param>
    public TopValuesState(int capacity, int threshold, int maxKeys)
    {
        Capacity = capacity;
        Threshold = threshold;
        _columns = new(() => new ValueCounter(capacity), () => new ValueCounter(capacity), static (other, column) => other.Absorb(column), maxKeys, ColumnKey.None);
    }

    public int Capacity { get; }

    public int Threshold { get; }

    public Dictionary<long, ValueCounter> Columns => _columns.Items;

    /// <summary>The values of the columns past the limit, counted together; <see langword="null"/> when there were none.</summary>
    public ValueCounter? Other => _columns.Other;

    /// <summary>Whether the limit of columns are kept apart (see <see cref="KeyedStates{T}.IsFull"/>).</summary>
    public bool IsFull => _columns.IsFull;

    /// <summary>The most columns kept apart (besides the values without a column).</summary>
    public int MaxKeys => _columns.Max;

    public ValueCounter Get(long key) => _columns.Get(key);

    /// <summary>The key <paramref name="value"/> is counted under (valid until the next call).</summary>
    public ReadOnlySpan<byte> KeyOf(ReadOnlySpan<byte> value) => ValueKey.Of(value, Threshold, ref _scratch);

    public void MergeFrom(TopValuesState other) => _columns.MergeFrom(other._columns, static (into, from) => into.Merge(from));

    /// <summary>Adds a column read from a saved form.</summary>
    /// <exception cref="FormatException">The column is there already, or there are more than the limit.</exception>
    public void Restore(long key, ValueCounter counter)
    {
        if (key != ColumnKey.None && key is < int.MinValue or > int.MaxValue)
        {
            throw new FormatException($"A saved column number, {key}, is not a 32-bit integer.");
        }

        _columns.Restore(key, counter);
    }

    public void RestoreOther(ValueCounter other) => _columns.RestoreOther(other);
}
