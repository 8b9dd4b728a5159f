using ImportErrorAnalytics.Parsing;

namespace ImportErrorAnalytics.Aggregation;

/// <summary>
/// A built-in aggregator's own loop over a page. The pipeline calls it once per page, where it would otherwise make
/// one interface call per record through shared generic code that the JIT cannot devirtualize (every built-in state
/// is a class); inside the loop the sealed aggregator's <c>Add</c> is a direct, inlinable call.
/// </summary>
internal interface IPageAggregator<in TState>
    where TState : class
{
    void AddPage(TState state, ImportErrorPage page);
}
