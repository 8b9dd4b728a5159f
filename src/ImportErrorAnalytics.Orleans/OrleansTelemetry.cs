namespace ImportErrorAnalytics.Orleans;

/// <summary>
/// The names of the silo's meter and activity source: import grains by state, permits handed out per account, permit
/// waits, imports finished, and an activity per import run (see docs/orleans.md, "Metrics"). Add them to an
/// OpenTelemetry pipeline (<c>AddMeter(OrleansTelemetry.MeterName)</c>, <c>AddSource(OrleansTelemetry.ActivitySourceName)</c>).
/// </summary>
public static class OrleansTelemetry
{
    /// <summary>The name of the silo's <see cref="System.Diagnostics.Metrics.Meter"/>.</summary>
    public const string MeterName = "ImportErrorAnalytics.Orleans";

    /// <summary>The name of the silo's <see cref="System.Diagnostics.ActivitySource"/>.</summary>
    public const string ActivitySourceName = "ImportErrorAnalytics.Orleans";
}
