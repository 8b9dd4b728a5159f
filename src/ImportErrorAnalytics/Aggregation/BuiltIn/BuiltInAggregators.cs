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

    public ErrorTypeCountsAggregator ErrorTypes { get; } = new(options.MaxDistinctKeys);

    public ColumnCountsAggregator Columns { get; } = new(options.MaxDistinctKeys);

    public ObjectTypeCountsAggregator ObjectTypes { get; } = new(options.MaxDistinctKeys);

    public TopInvalidValuesAggregator TopValues { get; } = new(
        options.DistinctCapacity,
        options.Top,
        options.ValueDisplayLength,
        options.MaskValues ? maskKey ?? options.MaskKey ?? ValueMaskKey.CreateRandom() : null,
        options.MaxDistinctKeys);

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

    /// <summary>
    /// Moves the names of restored states (a checkpoint's) into the run's tables before the run parses anything, so the
    /// run numbers them first, as the run that saved them did, and the limit on distinct keys keeps the same names.
    /// </summary>
    public static void UseRunNames(IReadOnlyList<AggregatorSlot> slots, Model.RunNames names)
    {
        ((AggregatorSlot<NameCounts, IReadOnlyList<Reporting.ErrorTypeCount>>)slots[1]).State.UseTable(names.ErrorTypes);
        ((AggregatorSlot<NameCounts, IReadOnlyList<Reporting.ObjectTypeCount>>)slots[3]).State.UseTable(names.ObjectTypes);
        ((AggregatorSlot<ColumnsState, IReadOnlyList<Reporting.ColumnSummary>>)slots[2]).State.UseTable(names.ErrorTypes);
    }
}
