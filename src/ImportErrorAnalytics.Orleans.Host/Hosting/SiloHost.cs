using System.Net;
using System.Net.Sockets;
using ImportErrorAnalytics.Orleans.Host.Settings;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Orleans.Configuration;
using Orleans.Hosting;

namespace ImportErrorAnalytics.Orleans.Host.Hosting;

/// <summary>The silo's generic host, built from the settings: PostgreSQL, endpoints, the grains, tokens, telemetry.</summary>
internal static class SiloHost
{
    /// <summary>Builds the host; ports given as 0 are replaced by free ones, returned for the ready line.</summary>
    public static (IHost Host, int SiloPort, int GatewayPort) Build(HostSettings settings)
    {
        var siloPort = settings.SiloPort == 0 ? FreePort(settings.AdvertisedIp) : settings.SiloPort;
        var gatewayPort = settings.GatewayPort == 0 ? FreePort(settings.AdvertisedIp) : settings.GatewayPort;
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });

        // Logs go to stderr: stdout carries the ready line (and the console exporter when asked for).
        builder.Logging.ClearProviders()
            .AddSimpleConsole(o => o.SingleLine = true)
            .SetMinimumLevel(settings.LogLevel)
            .AddFilter("Orleans", Max(settings.LogLevel, LogLevel.Warning))
            .AddFilter("Microsoft", Max(settings.LogLevel, LogLevel.Warning))
            .AddFilter("System.Net.Http", Max(settings.LogLevel, LogLevel.Warning));
        builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);

        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = settings.ClusterId;
                o.ServiceId = settings.ServiceId;
            });
            silo.ConfigureEndpoints(settings.AdvertisedIp, siloPort, gatewayPort);
            silo.UseImportErrorAnalyticsPostgres(settings.ConnectionString);
            silo.AddImportErrorAnalytics(o =>
            {
                o.ConfigureHubSpot = (accountId, hubSpot) =>
                {
                    hubSpot.RequestsPerTenSeconds = settings.BudgetFor(accountId);
                    if (settings.BaseAddressFor(accountId) is { } address)
                    {
                        hubSpot.BaseAddress = address;
                    }

                    if (settings.PageLimit is { } limit)
                    {
                        hubSpot.Limit = limit;
                    }

                    if (settings.AttemptTimeout is { } attempt)
                    {
                        hubSpot.AttemptTimeout = attempt;
                    }
                };
                o.ImportReminderPeriod = settings.ReminderPeriod;
                o.ImportCheckPeriod = settings.ImportCheckPeriod;
            });
            silo.Configure<ReminderOptions>(o =>
            {
                if (settings.ReminderPeriod < o.MinimumReminderPeriod)
                {
                    o.MinimumReminderPeriod = settings.ReminderPeriod;
                }
            });
            silo.Configure<ClusterMembershipOptions>(o =>
            {
                if (settings.ProbeTimeout is { } timeout)
                {
                    o.ProbeTimeout = timeout;
                }

                if (settings.MissedProbes is { } missed)
                {
                    o.NumMissedProbesLimit = missed;
                }

                if (settings.Votes is { } votes)
                {
                    o.NumVotesForDeathDeclaration = votes;
                }

                if (settings.IAmAlivePeriod is { } alive)
                {
                    o.IAmAliveTablePublishTimeout = alive;
                }
            });
        });
        builder.Services.AddSingleton<IHubSpotTokenProvider, EnvironmentTokenProvider>();
        HostTelemetry.Add(builder.Services, settings, $"{settings.AdvertisedIp}:{siloPort}");
        return (builder.Build(), siloPort, gatewayPort);
    }

    private static LogLevel Max(LogLevel a, LogLevel b) => a > b ? a : b;

    private static int FreePort(IPAddress address)
    {
        using var listener = new TcpListener(address, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
