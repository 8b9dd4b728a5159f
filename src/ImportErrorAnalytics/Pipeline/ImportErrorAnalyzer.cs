using ImportErrorAnalytics.Aggregation;
using ImportErrorAnalytics.Aggregation.BuiltIn;
using ImportErrorAnalytics.Parsing;
using ImportErrorAnalytics.Reporting;
using ImportErrorAnalytics.Snapshots;
using ImportErrorAnalytics.Sources;
using Microsoft.Extensions.Logging;

namespace ImportErrorAnalytics.Pipeline;

/// <summary>
/// Streams import errors from its inputs through the parser into the aggregators and returns the report.
/// Create one with <see cref="CreateBuilder"/>. Each <see cref="RunAsync"/> is a fresh run over the inputs.
/// </summary>
public sealed partial class ImportErrorAnalyzer
{
    private readonly IReadOnlyList<ErrorSource> _sources;
    private readonly BuiltInAggregators _builtIns;
    private readonly IReadOnlyList<AggregatorSlot> _prototypes;
    private readonly AnalyzerOptions _options;
    private readonly IProgress<AnalysisProgress>? _progress;
    private readonly Checkpoints.ICheckpointStore? _checkpoint;
    private readonly ILogger _logger;

    internal ImportErrorAnalyzer(
        IReadOnlyList<ErrorSource> sources,
        BuiltInAggregators builtIns,
        IReadOnlyList<AggregatorSlot> prototypes,
        AnalyzerOptions options,
        IProgress<AnalysisProgress>? progress,
        Checkpoints.ICheckpointStore? checkpoint,
        ILogger logger)
    {
        _logger = logger;
        _checkpoint = checkpoint;
        _sources = sources;
        _builtIns = builtIns;
        _prototypes = prototypes;
        _options = options;
        _progress = progress;
    }

    /// <summary>Starts configuring an analyzer.</summary>
    public static ImportErrorAnalyzerBuilder CreateBuilder() => new();

    /// <summary>Reads every input and returns the report.</summary>
    /// <param name="cancellationToken">Stops the run promptly.</param>
    /// <exception cref="ImportErrorFormatException">
    /// Malformed input (unless keep-going); its <see cref="ImportErrorFormatException.PartialReport"/> holds what was committed.
    /// </exception>
    /// <exception cref="OperationCanceledException">The run was cancelled (a checkpoint stays consistent).</exception>
    /// <exception cref="Sources.HubSpot.HubSpotApiException">HubSpot refused, or kept failing past the retry budget.</exception>
    /// <exception cref="Checkpoints.CheckpointException">
    /// The checkpoint cannot be read, is damaged or inconsistent, or belongs to another import; or it cannot be saved
    /// (<see cref="Checkpoints.CheckpointException.IsSaveFailure"/>).
    /// </exception>
    public Task<ImportErrorReport> RunAsync(CancellationToken cancellationToken = default) =>
        new AnalysisRun(_sources, _builtIns, _prototypes, _options, _progress, _checkpoint, _logger).RunAsync(cancellationToken);

    /// <summary>
    /// Reads every input like <see cref="RunAsync"/> and returns the merged states as a snapshot instead of the report:
    /// <see cref="ReportSnapshot.CreateReport"/> gives the report, <see cref="ReportSnapshot.WriteToFileAsync"/> saves
    /// it for <see cref="ReportSnapshot.Merge"/> with snapshots of other runs. A run that fails gives no snapshot.
    /// </summary>
    /// <param name="cancellationToken">Stops the run promptly.</param>
    /// <exception cref="NotSupportedException">
    /// Thrown at once, before anything is read: a custom aggregator cannot save its state (it does not implement
    /// <see cref="Aggregation.IPersistentErrorAggregator{TState}"/>).
    /// </exception>
    /// <exception cref="ImportErrorFormatException">Malformed input (unless keep-going).</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    /// <exception cref="Sources.HubSpot.HubSpotApiException">HubSpot refused, or kept failing past the retry budget.</exception>
    /// <exception cref="Checkpoints.CheckpointException">
    /// The checkpoint cannot be read, is damaged or inconsistent, or belongs to another import; or it cannot be saved
    /// (<see cref="Checkpoints.CheckpointException.IsSaveFailure"/>).
    /// </exception>
    public Task<ReportSnapshot> RunToSnapshotAsync(CancellationToken cancellationToken = default)
    {
        ReportSnapshot.ThrowIfNotPersistent(_prototypes);
        return RunToSnapshotCoreAsync(cancellationToken);
    }

    private async Task<ReportSnapshot> RunToSnapshotCoreAsync(CancellationToken cancellationToken)
    {
        var run = new AnalysisRun(_sources, _builtIns, _prototypes, _options, _progress, _checkpoint, _logger);
        await run.RunAsync(cancellationToken).ConfigureAwait(false);
        return ReportSnapshot.FromRun(run.States!, _builtIns.Settings, _builtIns.TopValues.MaskKey);
    }
}
