namespace ImportErrorAnalytics.HubSpot;

/// <summary>
/// The names under which the HubSpot package emits metrics and traces: retries by cause, rate-limit waits, and one
/// activity per request to the API (across its retries). Pass them to a listener, or to OpenTelemetry's <c>AddMeter</c>
/// and <c>AddSource</c>, next to <see cref="Telemetry.ImportErrorAnalyticsTelemetry"/>'s. The instruments, units and
/// tags are listed in docs/telemetry.md; no measurement or activity carries the access token, a query string or a value
/// read from an import.
/// </summary>
public static class HubSpotTelemetry
{
    /// <summary>The name of the meter, <c>ImportErrorAnalytics.HubSpot</c>: retries by cause and rate-limit waits.</summary>
    public const string MeterName = "ImportErrorAnalytics.HubSpot";

    /// <summary>The name of the activity source, <c>ImportErrorAnalytics.HubSpot</c>: one activity per request to the API.</summary>
    public const string ActivitySourceName = "ImportErrorAnalytics.HubSpot";
}
