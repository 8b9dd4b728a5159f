using System.Net;
using System.Net.Sockets;
using ImportErrorAnalytics.Orleans;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Hosting;

namespace OrleansFleet;

/// <summary>
/// Silos with localhost clustering (the first one is the primary) and a client connected to their gateways over TCP,
/// all in this process: the layout of a real cluster, on one machine.
/// </summary>
internal sealed class LocalCluster : IAsyncDisposable
{
    private readonly List<IHost> _silos = [];
    private IHost? _client;

    public IReadOnlyList<int> SiloPorts { get; private set; } = [];

    public IClusterClient Client => _client?.Services.GetRequiredService<IClusterClient>() ?? throw new InvalidOperationException("Not started.");

    public static async Task<LocalCluster> StartAsync(int silos, SampleAccounts accounts)
    {
        var cluster = new LocalCluster();
        var siloPorts = Enumerable.Range(0, silos).Select(_ => FreePort()).ToArray();
        var gatewayPorts = Enumerable.Range(0, silos).Select(_ => FreePort()).ToArray();
        var primary = new IPEndPoint(IPAddress.Loopback, siloPorts[0]);
        for (var s = 0; s < silos; s++)
        {
            var builder = Host.CreateApplicationBuilder();
            builder.Logging.SetMinimumLevel(LogLevel.Warning).AddFilter("Orleans", LogLevel.Error);
            var (siloPort, gatewayPort) = (siloPorts[s], gatewayPorts[s]);
            builder.UseOrleans(silo => silo
                .UseLocalhostClustering(siloPort, gatewayPort, primary)
                .AddMemoryGrainStorage(ImportErrorAnalyticsGrainOptions.StorageName)
                .UseInMemoryReminderService()
                .AddImportErrorAnalytics(o =>
                {
                    o.ConfigureHubSpot = accounts.Configure;
                    o.ImportCheckPeriod = TimeSpan.FromSeconds(5);
                }));
            builder.Services.AddSingleton<IHubSpotTokenProvider>(accounts);
            var host = builder.Build();
            cluster._silos.Add(host);
            await host.StartAsync();
        }

        await cluster.WaitUntilSilosKnowEachOtherAsync(silos);
        var client = Host.CreateApplicationBuilder();
        client.Logging.SetMinimumLevel(LogLevel.Warning).AddFilter("Orleans", LogLevel.Error);
        client.UseOrleansClient(c => c.UseLocalhostClustering(gatewayPorts));
        cluster._client = client.Build();
        await cluster._client.StartAsync();
        cluster.SiloPorts = siloPorts;
        return cluster;
    }

    public async ValueTask DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.StopAsync();
            _client.Dispose();
        }

        for (var s = _silos.Count - 1; s >= 0; s--)
        {
            await _silos[s].StopAsync();
            _silos[s].Dispose();
        }
    }

    /// <summary>A silo places grains only on silos in its cluster manifest: wait until every silo lists all of them.</summary>
    private async Task WaitUntilSilosKnowEachOtherAsync(int silos)
    {
        var manifests = _silos.Select(host => host.Services.GetRequiredService<IClusterManifestProvider>()).ToList();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!manifests.TrueForAll(manifest => manifest.Current.Silos.Count == silos))
        {
            await Task.Delay(100, timeout.Token);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
