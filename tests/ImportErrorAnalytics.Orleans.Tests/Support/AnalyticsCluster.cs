using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime.Hosting;
using Orleans.Storage;
using Orleans.TestingHost;

namespace ImportErrorAnalytics.Orleans.Tests.Support;

/// <summary>
/// An in-process Orleans cluster of two silos running the analytics grains, with grain storage that outlives a
/// killed silo, the tests' fake accounts, and every silo's log lines. Dead silos are noticed within a few seconds.
/// </summary>
public class AnalyticsCluster : IAsyncLifetime
{
    private readonly bool _ownsAccounts;
    private InProcessTestCluster? _cluster;

    public AnalyticsCluster()
        : this(null, null)
    {
    }

    /// <summary>A cluster over another's storage and accounts (which that one disposes), as a second deployment of the same service.</summary>
    internal AnalyticsCluster(SharedGrainStore? store, FakeAccounts? accounts)
    {
        Store = store ?? new SharedGrainStore();
        _ownsAccounts = accounts is null;
        Accounts = accounts ?? new FakeAccounts();
    }

    internal FakeAccounts Accounts { get; }

    internal SharedGrainStore Store { get; }

    /// <summary>Registers what the silos register beyond the grains (custom aggregators): nothing here.</summary>
    protected virtual void ConfigureAnalytics(ISiloBuilder silo)
    {
    }

    internal CapturedLogs Logs { get; } = new();

    internal InProcessTestCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster is not deployed.");

    internal IClusterClient Client => Cluster.Client;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(2);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddImportErrorAnalytics(o =>
            {
                o.ConfigureHubSpot = Accounts.Configure;
                o.ImportCheckPeriod = TimeSpan.FromSeconds(1);
                // A margin of a second between a grant and HubSpot's count: this machine is shared and slow at times.
                o.BudgetWindow = TimeSpan.FromSeconds(11);
            });
            ConfigureAnalytics(silo);
            silo.Services.AddSingleton<IHubSpotTokenProvider>(Accounts);
            silo.UseInMemoryReminderService();
            silo.Services.AddGrainStorage(
                ImportErrorAnalyticsGrainOptions.StorageName,
                (services, _) => new SharedGrainStorage(Store, services.GetRequiredService<IGrainStorageSerializer>()));
            silo.Services.AddLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug)
                .AddFilter("Orleans", LogLevel.Information).AddFilter("Microsoft", LogLevel.Warning));
            silo.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = TimeSpan.FromSeconds(1);
                o.NumMissedProbesLimit = 2;
                o.NumVotesForDeathDeclaration = 1;
            });
            silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(10));
        });
        builder.ConfigureClient(client => client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(10)));
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        if (_ownsAccounts)
        {
            await Accounts.DisposeAsync();
        }
    }

    /// <summary>The silos' meter factories: a <c>MeterListener</c> tells this cluster's instruments from other clusters' by them.</summary>
    internal IReadOnlyList<object> MeterScopes() =>
        Cluster.Silos.Select(silo => (object)silo.ServiceProvider.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>()).ToList();
}

/// <summary>The cluster tests run one after another, sharing one cluster (the silo-crash test has its own).</summary>
[CollectionDefinition(Name)]
public sealed class SharedClusterDefinition : ICollectionFixture<AnalyticsCluster>
{
    public const string Name = "Orleans cluster";
}

/// <summary>A cluster of its own, for a test that kills one of its silos.</summary>
public sealed class IsolatedAnalyticsCluster : AnalyticsCluster;
