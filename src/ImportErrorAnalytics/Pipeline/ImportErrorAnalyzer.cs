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
/// Create one with <see cref="CreateBuilder"/>. Each <see cref="RunAsync"/> is a fresh run over the inputs: nothing a
/// run learns is kept for the next, by the analyzer or by its inputs. Dispose the analyzer when done: it owns what its
/// inputs share (the HubSpot rate limiters it made), and another analyzer never shares them.
/// </summary>
public sealed partial class ImportErrorAnalyzer : IAsyncDisposable, IDisposable
{
    private readonly AnalyzerResources _resources;
    private volatile bool _disposed;
    private readonly IReadOnlyList<ErrorSource> _sources;
    private readonly BuiltInAggregators _builtIns;
    private readonly IReadOnlyList<AggregatorSlot> _prototypes;
    private readonly AnalyzerOptions _options;
    private readonly IProgress<AnalysisProgress>? _progress;
    private readonly Checkpoints.ICheckpointStore? _checkpoint;
    private readonly ILogger _logger;
    private readonly (string Path, FailedRows.FailedRowsOptions Options)? _failedRows;

    internal ImportErrorAnalyzer(
        IReadOnlyList<ErrorSource> sources,
        BuiltInAggregators builtIns,
        IReadOnlyList<AggregatorSlot> prototypes,
        AnalyzerOptions options,
        IProgress<AnalysisProgress>? progress,
        Checkpoints.ICheckpointStore? checkpoint,
        ILogger logger,
        AnalyzerResources resources,
        (string Path, FailedRows.FailedRowsOptions Options)? failedRows = null)
    {
        _failedRows = failedRows;
        _resources = resources;
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
    /// <exception cref="Exception">What its inputs throw: a HubSpot import's <c>HubSpotApiException</c> when HubSpot refused, or kept failing past the retry budget.</exception>
    /// <exception cref="Checkpoints.CheckpointException">
    /// The checkpoint cannot be read, is damaged or inconsistent, or belongs to another import; or it cannot be saved
    /// (<see cref="Checkpoints.CheckpointException.IsSaveFailure"/>).
    /// </exception>
    /// <exception cref="ObjectDisposedException">The analyzer was disposed.</exception>
    /// <exception cref="IOException">The failed-rows CSV (<see cref="ImportErrorAnalyzerBuilder.WithFailedRows"/>) or its spill files cannot be written.</exception>
    /// <exception cref="UnauthorizedAccessException">The failed-rows CSV's folder cannot be written.</exception>
    public Task<ImportErrorReport> RunAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _failedRows is null
            ? new AnalysisRun(_sources, _builtIns, _prototypes, _options, _progress, _checkpoint, _logger).RunAsync(cancellationToken)
            : RunWithFailedRowsAsync(run => run.RunAsync(cancellationToken), cancellationToken);
    }

    /// <summary>
    /// A run that also writes the failed-rows CSV, once the run succeeded (a malformed input or a cancellation leaves
    /// no CSV); its spill folder is deleted however the run ends.
    /// </summary>
    private async Task<T> RunWithFailedRowsAsync<T>(Func<AnalysisRun, Task<T>> runAsync, CancellationToken cancellationToken)
    {
        var (path, options) = _failedRows!.Value;
        using var collector = new FailedRows.FailedRowsCollector(path, options, _builtIns.TopValues.MaskKey, _options.MaxDegreeOfParallelism);
        var run = new AnalysisRun(_sources, _builtIns, _prototypes, _options, _progress, _checkpoint, _logger, failedRows: collector);
        var result = await runAsync(run).ConfigureAwait(false);
        try
        {
            await collector.WriteAsync(run.Imports, cancellationToken).ConfigureAwait(false);
        }
        catch (FailedRows.FailedRowsWriteException ex)
        {
            // The run counted everything: its result goes with the failure, so the report is not lost with the CSV.
            ex.CompletedResult = result;
            throw;
        }

        return result;
    }

    /// <summary>Disposes what the analyzer owns (its inputs' rate limiters); a run still going may then fail.</summary>
    public ValueTask DisposeAsync()
    {
        _disposed = true;
        return _resources.DisposeAsync();
    }

    /// <summary>Disposes what the analyzer owns, as <see cref="DisposeAsync"/> does.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

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
    /// <exception cref="Exception">What its inputs throw: a HubSpot import's <c>HubSpotApiException</c> when HubSpot refused, or kept failing past the retry budget.</exception>
    /// <exception cref="Checkpoints.CheckpointException">
    /// The checkpoint cannot be read, is damaged or inconsistent, or belongs to another import; or it cannot be saved
    /// (<see cref="Checkpoints.CheckpointException.IsSaveFailure"/>).
    /// </exception>
    /// <exception cref="ObjectDisposedException">The analyzer was disposed.</exception>
    public Task<ReportSnapshot> RunToSnapshotAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ReportSnapshot.ThrowIfNotPersistent(_prototypes);
        return RunToSnapshotCoreAsync(cancellationToken);
    }

    private async Task<ReportSnapshot> RunToSnapshotCoreAsync(CancellationToken cancellationToken)
    {
        if (_failedRows is not null)
        {
            return await RunWithFailedRowsAsync(
                async run =>
                {
                    await run.RunAsync(cancellationToken).ConfigureAwait(false);
                    return ReportSnapshot.FromRun(run.States!, _builtIns.Settings, _builtIns.TopValues.MaskKey);
                },
                cancellationToken).ConfigureAwait(false);
        }

        var plain = new AnalysisRun(_sources, _builtIns, _prototypes, _options, _progress, _checkpoint, _logger);
        await plain.RunAsync(cancellationToken).ConfigureAwait(false);
        return ReportSnapshot.FromRun(plain.States!, _builtIns.Settings, _builtIns.TopValues.MaskKey);
    }
}
