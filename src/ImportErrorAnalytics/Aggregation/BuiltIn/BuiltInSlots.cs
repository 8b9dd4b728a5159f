using ImportErrorAnalytics.Reporting;

namespace ImportErrorAnalytics.Aggregation.BuiltIn;

/// <summary>
/// The built-in slots of a run's slot list (a run's, a checkpoint's or a snapshot's), each found by its aggregator's
/// type, so readers name the state they want instead of counting positions and casting. The built-in aggregator types
/// are internal and sealed: no custom aggregator can be taken for one.
/// </summary>
internal readonly struct BuiltInSlots
{
    private BuiltInSlots(IReadOnlyList<AggregatorSlot> slots)
    {
        Totals = Find<TotalsAggregator, TotalsState, TotalsState>(slots);
        ErrorTypes = Find<ErrorTypeCountsAggregator, NameCounts, IReadOnlyList<ErrorTypeCount>>(slots);
        Columns = Find<ColumnCountsAggregator, ColumnsState, IReadOnlyList<ColumnSummary>>(slots);
        ObjectTypes = Find<ObjectTypeCountsAggregator, NameCounts, IReadOnlyList<ObjectTypeCount>>(slots);
        TopValues = Find<TopInvalidValuesAggregator, TopValuesState, IReadOnlyList<ColumnTopValues>>(slots);
        LineClusters = Find<LineClustersAggregator, LineClustersState, IReadOnlyList<FileLineClusters>>(slots);
    }

    public AggregatorSlot<TotalsState, TotalsState> Totals { get; }

    public AggregatorSlot<NameCounts, IReadOnlyList<ErrorTypeCount>> ErrorTypes { get; }

    public AggregatorSlot<ColumnsState, IReadOnlyList<ColumnSummary>> Columns { get; }

    public AggregatorSlot<NameCounts, IReadOnlyList<ObjectTypeCount>> ObjectTypes { get; }

    public AggregatorSlot<TopValuesState, IReadOnlyList<ColumnTopValues>> TopValues { get; }

    public AggregatorSlot<LineClustersState, IReadOnlyList<FileLineClusters>> LineClusters { get; }

    /// <summary>The built-in slots among <paramref name="slots"/>.</summary>
    /// <exception cref="InvalidOperationException">A built-in is missing (a bug: every run and snapshot holds all of them).</exception>
    public static BuiltInSlots Of(IReadOnlyList<AggregatorSlot> slots) => new(slots);

    /// <summary>Whether <paramref name="slot"/> holds one of the built-in aggregators (else a custom one).</summary>
    public static bool IsBuiltIn(AggregatorSlot slot) => slot.Aggregator is TotalsAggregator or ErrorTypeCountsAggregator
        or ColumnCountsAggregator or ObjectTypeCountsAggregator or TopInvalidValuesAggregator or LineClustersAggregator;

    /// <summary>Whether <paramref name="slot"/> holds the column counts, whose states number inputs and are renumbered on a merge.</summary>
    public static bool IsColumns(AggregatorSlot slot) => slot.Aggregator is ColumnCountsAggregator;

    /// <summary>The column counts' state of <paramref name="slot"/>, which <see cref="IsColumns"/> must have said holds them.</summary>
    public static ColumnsState ColumnsOf(AggregatorSlot slot) =>
        slot is AggregatorSlot<ColumnsState, IReadOnlyList<ColumnSummary>> columns && IsColumns(slot)
            ? columns.State
            : throw new InvalidOperationException($"The slot of {slot.Aggregator.GetType().Name} is not the column counts'.");

    /// <summary>The custom aggregators' slots, in the order they were added.</summary>
    public static IEnumerable<AggregatorSlot> Custom(IReadOnlyList<AggregatorSlot> slots) => slots.Where(slot => !IsBuiltIn(slot));

    private static AggregatorSlot<TState, TResult> Find<TAggregator, TState, TResult>(IReadOnlyList<AggregatorSlot> slots)
        where TAggregator : IErrorAggregator<TState, TResult>
        where TState : class
    {
        foreach (var slot in slots)
        {
            if (slot.Aggregator is TAggregator && slot is AggregatorSlot<TState, TResult> typed)
            {
                return typed;
            }
        }

        throw new InvalidOperationException($"The aggregator slots hold no {typeof(TAggregator).Name}.");
    }
}
