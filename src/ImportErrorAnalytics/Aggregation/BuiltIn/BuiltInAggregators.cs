using ImportErrorAnalytics.Reporting;

namespace ImportErrorAnalytics.Aggregation.BuiltIn;

/// <summary>The built-in aggregators of a run, configured from its settings, in report order.</summary>
/// <param name="options">The run's settings.</param>
/// <param name="maskKey">
/// The key of masked values when <see cref="BuiltInSettings.MaskValues"/> is set: else <see cref="BuiltInSettings.MaskKey"/>,
/// else a random key for these aggregators.
/// </param>
internal sealed class BuiltInAggregators(BuiltInSettings options, ValueMaskKey? maskKey = null)
{
    /// <summary>The settings the aggregators were made with (the report states them).</summary>
    public BuiltInSettings Settings { get; } = options;

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

    /// <summary>
    /// Moves the names of restored states (a checkpoint's) into the run's tables before the run parses anything, so the
    /// run numbers them first, as the run that saved them did, and the limit on distinct keys keeps the same names.
    /// </summary>
    public static void UseRunNames(IReadOnlyList<AggregatorSlot> slots, Model.RunNames names)
    {
        var builtIn = BuiltInSlots.Of(slots);
        builtIn.ErrorTypes.State.UseTable(names.ErrorTypes);
        builtIn.ObjectTypes.State.UseTable(names.ObjectTypes);
        builtIn.Columns.State.UseTable(names.ErrorTypes);
    }
}
