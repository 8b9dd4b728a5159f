namespace ImportErrorAnalytics.Telemetry;

/// <summary>
/// The names under which the core library emits metrics (<see cref="System.Diagnostics.Metrics.Meter"/>) and traces
/// (<see cref="System.Diagnostics.ActivitySource"/>): pass them to a listener, or to OpenTelemetry's <c>AddMeter</c> and
/// <c>AddSource</c>. The instruments, their units and tags are listed in docs/telemetry.md. Nothing is measured or traced
/// unless something listens; no measurement or activity carries an access token or a value read from an import.
/// </summary>
public static class ImportErrorAnalyticsTelemetry
{
    /// <summary>
    /// The name of the meter, <c>ImportErrorAnalytics</c>: the pages, errors and bytes a run commits, checkpoint writes,
    /// run durations.
    /// </summary>
    public const string MeterName = "ImportErrorAnalytics";

    /// <summary>
    /// The name of the activity source, <c>ImportErrorAnalytics</c>: one activity per run (and one per set of imports
    /// read together).
    /// </summary>
    public const string ActivitySourceName = "ImportErrorAnalytics";
}
