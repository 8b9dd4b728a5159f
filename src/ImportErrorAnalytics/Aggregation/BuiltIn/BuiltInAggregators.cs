using ImportErrorAnalytics.Pipeline;

namespace ImportErrorAnalytics.Aggregation.BuiltIn;

/// <summary>The built-in aggregators of a run, configured from its options, in report order.</summary>
internal sealed class BuiltInAggregators(AnalyzerOptions options)
{
    public TotalsAggregator Totals { get; } = new();

    public ErrorTypeCountsAggregator ErrorTypes { get; } = new(options.MaxDistinctKeys);

    public ColumnCountsAggregator Columns { get; } = new(options.MaxDistinctKeys);

    public ObjectTypeCountsAggregator ObjectTypes { get; } = new(options.MaxDistinctKeys);

    public TopInvalidValuesAggregator TopValues { get; } = new(options.DistinctCapacity, options.Top, options.ValueDisplayLength, options.MaskValues, options.MaxDistinctKeys);

    public LineClustersAggregator LineClusters { get; } = new(options.ClusterGap, options.MaxClusters, options.MaxDistinctKeys);

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
