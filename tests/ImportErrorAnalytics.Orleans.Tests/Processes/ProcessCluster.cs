using System.Globalization;
using ImportErrorAnalytics.Orleans.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Orleans.Configuration;
using Orleans.Hosting;

namespace ImportErrorAnalytics.Orleans.Tests.Processes;

/// <summary>
/// Silos as <c>iea-silo</c> processes on one PostgreSQL database, configured for the tests' fake accounts (a fake
/// HubSpot per account, its token in <c>IEA_TOKEN_*</c>, its budget in <c>--budgets</c>), with failure detection
/// shortened through the host's options; and an Orleans client of them. Disposing kills every process it started.
/// </summary>
internal sealed class ProcessCluster : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(90);
    private readonly List<SiloProcess> _silos = [];
    private readonly string _connectionString;
    private readonly IReadOnlyList<FakeAccount> _known;
    private IHost? _client;

    public ProcessCluster(string connectionString, IReadOnlyList<FakeAccount> known)
    {
        // Three silos, a client and the test share the server's 100 connections.
        _connectionString = new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = 10 }.ConnectionString;
        _known = known;
    }

    /// <summary>The connection string the silos get (a smaller pool).</summary>
    public string ConnectionString => _connectionString;

    public string ClusterId { get; } = "proc-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>A service id of its own: grain state and reminders of other tests in the database stay apart.</summary>
    public string ServiceId { get; } = "proc-svc-" + Guid.NewGuid().ToString("N")[..8];

    public IReadOnlyList<SiloProcess> Silos => _silos;

    public IClusterClient Client => _client?.Services.GetRequiredService<IClusterClient>() ?? throw new InvalidOperationException("No client.");

    /// <summary>Starts <paramref name="count"/> silos at once and waits for their ready lines.</summary>
    public async Task<IReadOnlyList<SiloProcess>> StartSilosAsync(int count, IReadOnlyList<string>? arguments = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var started = Enumerable.Range(0, count).Select(_ => StartSilo(arguments ?? [], environment)).ToList();
        await Task.WhenAll(started.Select(silo => silo.ReadyAsync(ReadyTimeout)));
        return started;
    }

    public async Task StartClientAsync()
    {
        var host = new HostBuilder()
            .UseOrleansClient(client =>
            {
                client.Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = ClusterId;
                    o.ServiceId = ServiceId;
                });
                client.UseImportErrorAnalyticsPostgres(_connectionString);
                client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(30));
                client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(1));
            })
            .Build();
        await host.StartAsync();
        _client = host;
    }

    public async Task StopClientAsync()
    {
        if (_client is not null)
        {
            await _client.StopAsync(TimeSpan.FromSeconds(10));
            _client.Dispose();
            _client = null;
        }
    }

    /// <summary>
    /// Starts an account's imports. The first calls into a new cluster activate grains that register reminders and
    /// write state in PostgreSQL; on a loaded machine that can outlast a call's timeout, so the call is made again
    /// (it is idempotent: an import added twice is kept once, a running one is not restarted).
    /// </summary>
    public Task StartImportsAsync(FakeAccount account) =>
        Eventually.ResultAsync(
            () => Client.GetAccountGrain(account.Id).StartImportsAsync(account.ImportIds), _ => true, TimeSpan.FromMinutes(2), $"{account.Id}'s imports to start");

    /// <summary>The process whose silo identity is <paramref name="silo"/> (from a status or the management grain).</summary>
    public SiloProcess ProcessOf(string? silo) =>
        _silos.SingleOrDefault(p => p.Silo == silo) ?? throw new InvalidOperationException($"No process runs silo '{silo}'.");

    /// <summary>Every silo's output, for a failing test's message.</summary>
    public string Outputs() => string.Join("\n", _silos.Select(s => $"--- {s.ProcessId} {s.Silo}\n" + string.Join('\n', s.Output.TakeLast(40))));

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopClientAsync();
        }
        finally
        {
            foreach (var silo in _silos)
            {
                silo.Dispose();
            }
        }
    }

    private SiloProcess StartSilo(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string>? extra)
    {
        var environment = new Dictionary<string, string>
        {
            ["IEA_POSTGRES"] = _connectionString,
            ["IEA_CLUSTER_ID"] = ClusterId,
            ["IEA_SERVICE_ID"] = ServiceId,
            ["IEA_BUDGETS"] = string.Join(',', _known.Select(a => $"{a.Id}={a.Budget.ToString(CultureInfo.InvariantCulture)}")),
            ["IEA_HUBSPOT_BASE_ADDRESSES"] = string.Join(',', _known.Select(a => $"{a.Id}={a.Server.BaseAddress}")),
        };
        foreach (var account in _known)
        {
            environment["IEA_TOKEN_" + account.Id.ToUpperInvariant().Replace('-', '_')] = account.GivenToken;
        }

        foreach (var (name, value) in extra ?? new Dictionary<string, string>())
        {
            environment[name] = value;
        }

        var silo = SiloProcess.Start(environment,
        [
            "--silo-port", "0", "--gateway-port", "0", "--page-limit", FakeAccounts.PageSize.ToString(CultureInfo.InvariantCulture),
            // An account whose grain's silo dies pauses for the longest flight of a request (attempt timeout + 5 s) and a window.
            "--attempt-timeout", "10",
            // Failure detection in seconds: a probe of a second, two missed, one vote.
            "--probe-timeout", "1", "--missed-probes", "2", "--votes", "1",
            // Killed silos stop writing that they are alive: after two seconds' periods, new silos no longer wait for them to answer.
            "--i-am-alive-period", "2",
            "--reminder-period", "2", "--import-check-period", "2", "--log-level", "Warning",
            .. arguments,
        ]);
        _silos.Add(silo);
        return silo;
    }
}
