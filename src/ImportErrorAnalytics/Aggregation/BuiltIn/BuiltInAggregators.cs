using ImportErrorAnalytics.Pipeline;
using ImportErrorAnalytics.Reporting;

namespace ImportErrorAnalytics.Aggregation.BuiltIn;

/// <summary>The built-in aggregators of a run, configured from its options, in report order.</summary>
/// <param name="options">The run's options.</param>
/// <param name="maskKey">
/// The key of masked values when <see cref="AnalyzerOptions.MaskValues"/> is set: else <see cref="AnalyzerOptions.MaskKey"/>,
/// else a random key for these aggregators.
/// </param>
internal sealed class BuiltInAggregators(AnalyzerOptions options, ValueMaskKey? maskKey = null)
{
    public TotalsAggregator Totals { get; } = new();

    public ErrorTypeCountsAggregator ErrorTypes { get; } = new();

    public ColumnCountsAggregator Columns { get; } = new();

    public ObjectTypeCountsAggregator ObjectTypes { get; } = new();

    public TopInvalidValuesAggregator TopValues { get; } = new(
        options.DistinctCapacity, options.Top, options.ValueDisplayLength, options.MaskValues ? maskKey ?? options.MaskKey ?? ValueMaskKey.CreateRandom() : null);

    public LineClustersAggregator LineClusters { get; } = new(options.ClusterGap, options.MaxClusters);

    public AggregatorSlot[] CreateSlots() =>
    [
        AggregatorSlot.Create(Totals),
        AggregatorSlot.Create(ErrorTypes),
        AggregatorSlot.Create(Columns),
        AggregatorSlot.Create(ObjectTypes),
        AggregatorSlot.Create(TopValues),
        AggregatorSlot.Create(LineClusters),
    ];

    public const int Count = 6;
}
