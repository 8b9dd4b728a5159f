using System.Diagnostics;
using ImportErrorAnalytics.Reporting;
using ImportErrorAnalytics.Telemetry;

namespace ImportErrorAnalytics.Pipeline;

/// <summary>The run's telemetry: an activity around the whole run, and its duration however it ends.</summary>
internal sealed partial class AnalysisRun
{
    /// <summary>
    /// Runs, traced by an activity (when something listens) and measured: its duration, with how it ended, whatever
    /// way it ends (see <see cref="RunTelemetry"/>).
    /// </summary>
    public async Task<ImportErrorReport> RunAsync(CancellationToken cancellationToken)
    {
        var activity = RunTelemetry.StartRun(sources.Count, checkpoint is not null);
        _startedAt = options.TimeProvider.GetTimestamp();
        try
        {
            var report = await RunCoreAsync(cancellationToken).ConfigureAwait(false);
            EndTelemetry(activity, null, cancelled: false);
            return report;
        }
        catch (Exception ex)
        {
            EndTelemetry(activity, ex, cancelled: ex is OperationCanceledException && cancellationToken.IsCancellationRequested);
            throw;
        }
    }

    private void EndTelemetry(Activity? activity, Exception? failure, bool cancelled) =>
        RunTelemetry.EndRun(activity, options.TimeProvider.GetElapsedTime(_startedAt), failure, cancelled, _counters.Pages, _counters.Errors, _counters.Bytes);
}
