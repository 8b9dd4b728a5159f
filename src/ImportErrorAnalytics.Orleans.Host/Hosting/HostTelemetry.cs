using ImportErrorAnalytics.Orleans.Host.Settings;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace ImportErrorAnalytics.Orleans.Host.Hosting;

/// <summary>
/// OpenTelemetry for the silo, only when an exporter is asked for (console or OTLP): without one, no provider is
/// registered, nothing listens to the meters, and nothing leaves the process.
/// </summary>
internal static class HostTelemetry
{
    /// <summary>The meters exported: the library's, its HubSpot source's, the grains', and Orleans' own.</summary>
    public static readonly string[] Meters = ["ImportErrorAnalytics", "ImportErrorAnalytics.HubSpot", "ImportErrorAnalytics.Orleans", "Microsoft.Orleans"];

    /// <summary>The activity sources exported.</summary>
    public static readonly string[] Sources = ["ImportErrorAnalytics", "ImportErrorAnalytics.HubSpot", "ImportErrorAnalytics.Orleans"];

    public static void Add(IServiceCollection services, HostSettings settings, string instanceId)
    {
        if (!settings.ConsoleTelemetry && !settings.Otlp)
        {
            return;
        }

        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("iea-silo", serviceInstanceId: instanceId))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(Meters);
                if (settings.ConsoleTelemetry)
                {
                    metrics.AddConsoleExporter();
                }

                if (settings.Otlp)
                {
                    metrics.AddOtlpExporter(o => Endpoint(o, settings));
                }
            })
            .WithTracing(tracing =>
            {
                tracing.AddSource(Sources);
                if (settings.ConsoleTelemetry)
                {
                    tracing.AddConsoleExporter();
                }

                if (settings.Otlp)
                {
                    tracing.AddOtlpExporter(o => Endpoint(o, settings));
                }
            });
    }

    private static void Endpoint(OpenTelemetry.Exporter.OtlpExporterOptions options, HostSettings settings)
    {
        if (settings.OtlpEndpoint is { } endpoint)
        {
            options.Endpoint = endpoint;
        }
    }
}
