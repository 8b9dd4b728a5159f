using System.Runtime.ExceptionServices;
using ImportErrorAnalytics.Aggregation;
using ImportErrorAnalytics.Aggregation.BuiltIn;
using ImportErrorAnalytics.Reporting;
using ImportErrorAnalytics.Snapshots;
using ImportErrorAnalytics.Sources;
using ImportErrorAnalytics.Sources.Capabilities;
using ImportErrorAnalytics.Telemetry;
using Microsoft.Extensions.Logging.Abstractions;

namespace ImportErrorAnalytics.Pipeline;

/// <summary>
/// A multi-import run: each import is read by its own <see cref="AnalysisRun"/> (so its report is exactly a
/// single-import run's), up to <see cref="AnalyzerOptions.MaxConcurrentImports"/> at once, all waiting on the rate
/// limiter their sources share. The combined report merges the runs' final aggregator states in import order. The
/// first failure cancels the other imports and is rethrown.
/// </summary>
internal sealed class ImportSetRun(
    IReadOnlyList<ErrorSource> imports,
    BuiltInAggregators builtIns,
    IReadOnlyList<AggregatorSlot> prototypes,
    AnalyzerOptions options,
    IProgress<AnalysisProgress>? progress)
{
    private Exception? _firstError;

    public async Task<ImportSetReport> RunAsync(CancellationToken cancellationToken)
    {
        // The set's activity is the parent of each import's run activity.
        using var activity = RunTelemetry.StartImportSet(imports.Count);
        try
        {
            return await RunCoreAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (activity is not null)
        {
            RunTelemetry.End(activity, ex, ex is OperationCanceledException && cancellationToken.IsCancellationRequested);
            throw;
        }
    }

    private async Task<ImportSetReport> RunCoreAsync(CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var gate = new SemaphoreSlim(options.MaxConcurrentImports);
        var sum = progress is null ? null : new ImportSetProgress(progress, imports.Count, options.TimeProvider);
        var runs = new AnalysisRun[imports.Count];
        var reports = new ImportErrorReport[imports.Count];
        var tasks = new Task[imports.Count];
        for (var i = 0; i < imports.Count; i++)
        {
            // Import i's records carry ordinal i (as in a single run over all of them); its run keeps that, not the source.
            runs[i] = new AnalysisRun([imports[i]], builtIns, prototypes, options, sum?.For(i), checkpoint: null, NullLogger.Instance, firstOrdinal: i);
            tasks[i] = RunOneAsync(runs[i], i, reports, gate, stop);
        }

        try
        {
            await Task.WhenAll(tasks).ConfigureAwait(false);
        }
        catch (Exception) when (_firstError is not null)
        {
            ExceptionDispatchInfo.Capture(_firstError).Throw();
        }

        return Combine(runs, reports);
    }

    private async Task RunOneAsync(AnalysisRun run, int index, ImportErrorReport[] reports, SemaphoreSlim gate, CancellationTokenSource stop)
    {
        await gate.WaitAsync(stop.Token).ConfigureAwait(false);
        try
        {
            reports[index] = await run.RunAsync(stop.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stop.IsCancellationRequested)
        {
            if (Interlocked.CompareExchange(ref _firstError, ex, null) is null)
            {
                await stop.CancelAsync().ConfigureAwait(false);
            }

            throw;
        }
        finally
        {
            gate.Release();
        }
    }

    private List<ReportSnapshot> Snapshots(AnalysisRun[] runs)
    {
        ReportSnapshot.ThrowIfNotPersistent(prototypes);
        return runs.Select((run, i) => ReportSnapshot.FromRun(AsOnlyInput(run.States!, i), builtIns.Settings, builtIns.TopValues.MaskKey)).ToList();
    }

    /// <summary>
    /// The run's states as a run of one input: within the set, import <paramref name="index"/> numbers its records as
    /// input <paramref name="index"/> (so "first" property names follow import order in the combined report); its own
    /// snapshot numbers them as input 0.
    /// </summary>
    private static RunStates AsOnlyInput(RunStates states, int index)
    {
        var slots = (AggregatorSlot[])states.Slots.Clone();
        var columns = Array.FindIndex(slots, BuiltInSlots.IsColumns);
        slots[columns] = SnapshotMerger.WithInputsRenumbered(slots[columns], new int[index + 1]);
        return states with { Slots = slots };
    }

    private ImportSetReport Combine(AnalysisRun[] runs, ImportErrorReport[] reports)
    {
        var merged = new AggregatorSlot[prototypes.Count];
        for (var i = 0; i < merged.Length; i++)
        {
            merged[i] = prototypes[i].CreateEmpty();
            foreach (var run in runs)
            {
                merged[i].MergeFrom(run.States!.Slots[i]);
            }
        }

        var counters = new RunCounters { Inputs = runs.Length };
        counters.Restore(runs.Sum(r => r.States!.Counters.Pages), runs.Sum(r => r.States!.Counters.Errors), runs.Sum(r => r.States!.Counters.Bytes));
        var sources = reports.SelectMany(report => report.Sources).ToList();
        var combined = ReportAssembler.Build(builtIns, merged, counters, [], [], complete: true, sources);
        var perImport = PerImportRows.Build(combined, imports.Select((source, i) => (((IImportSource)source).ImportId, reports[i])).ToList());
        return new ImportSetReport
        {
            Imports = reports,
            Combined = ReportAssembler.Build(builtIns, merged, counters, [], [], complete: true, sources, perImport),
            ImportSnapshots = () => Snapshots(runs),
        };
    }
}
