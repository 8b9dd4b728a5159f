using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Hosting;

namespace ImportErrorAnalytics.Orleans.Tests.PostgreSql;

/// <summary>
/// A real silo in this process on PostgreSQL (<see cref="ImportErrorAnalyticsPostgresBuilderExtensions.UseImportErrorAnalyticsPostgres(ISiloBuilder, string)"/>:
/// ADO.NET clustering, grain storage and reminders), on loopback ports of its own; or a client of such silos.
/// </summary>
internal sealed class PostgresSilo : IAsyncDisposable
{
    public const string ServiceId = "iea-tests";

    private PostgresSilo(IHost host, int siloPort, int gatewayPort)
    {
        Host = host;
        SiloPort = siloPort;
        GatewayPort = gatewayPort;
    }

    public IHost Host { get; }

    public IServiceProvider Services => Host.Services;

    public int SiloPort { get; }

    public int GatewayPort { get; }

    /// <summary>The silo's address as Orleans stores it (loopback).</summary>
    public string Address => IPAddress.Loopback.ToString();

    public static async Task<PostgresSilo> StartAsync(string connectionString, string clusterId, Action<ISiloBuilder>? configure = null)
    {
        var siloPort = FreePort();
        var gatewayPort = FreePort();
        var host = new HostBuilder()
            .UseOrleans(silo =>
            {
                silo.Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = clusterId;
                    o.ServiceId = ServiceId;
                });
                silo.ConfigureEndpoints(IPAddress.Loopback, siloPort, gatewayPort);
                silo.UseImportErrorAnalyticsPostgres(connectionString);
                silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
                silo.Services.AddSingleton<ReminderTicks>();
                silo.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
                configure?.Invoke(silo);
            })
            .Build();
        try
        {
            await host.StartAsync();
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return new PostgresSilo(host, siloPort, gatewayPort);
    }

    /// <summary>A client that finds the silos' gateways in PostgreSQL.</summary>
    public static async Task<IHost> StartClientAsync(string connectionString, string clusterId)
    {
        var host = new HostBuilder()
            .UseOrleansClient(client =>
            {
                client.Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = clusterId;
                    o.ServiceId = ServiceId;
                });
                client.UseImportErrorAnalyticsPostgres(connectionString);
            })
            .Build();
        await host.StartAsync();
        return host;
    }

    public Task StopAsync() => Host.StopAsync();

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Host.StopAsync(TimeSpan.FromSeconds(10));
        }
        finally
        {
            Host.Dispose();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
