using ImportErrorAnalytics.Aggregation;
using ImportErrorAnalytics.Reporting;
using ImportErrorAnalytics.Model;

namespace ImportErrorAnalytics.Snapshots;

/// <summary>
/// What a finished run leaves behind for its report and its snapshot: merged states, counters, skipped inputs, imports,
/// and its inputs (names, errors, fingerprints) in run order.
/// </summary>
internal sealed record RunStates(
    AggregatorSlot[] Slots, RunCounters Counters, IReadOnlyList<SkippedInput> Skipped, IReadOnlyList<HubSpotImport> Imports, IReadOnlyList<RunInput> Inputs);
