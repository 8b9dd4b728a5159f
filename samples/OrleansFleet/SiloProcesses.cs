using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using ImportErrorAnalytics.Orleans.PostgreSql;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Hosting;

namespace OrleansFleet;

/// <summary>
/// Silos as <c>iea-silo</c> processes on the PostgreSQL database <c>IEA_POSTGRES</c> names (the sample's accounts'
/// servers, tokens and budgets passed as the host's variables), and a client of them. A service id of its own per run,
/// so earlier runs' grain state and reminders in the database are not seen. Disposing kills every process.
/// </summary>
internal sealed class SiloProcesses : IAsyncDisposable
{
    private readonly List<(Process Process, string Silo)> _silos = [];
    private IHost? _client;

    private SiloProcesses(string connectionString) => ConnectionString = connectionString;

    public string ConnectionString { get; }

    public string ServiceId { get; } = "fleet-" + Guid.NewGuid().ToString("N")[..8];

    public IClusterClient Client => _client?.Services.GetRequiredService<IClusterClient>() ?? throw new InvalidOperationException("Not started.");

    /// <summary>The processes' silo identities (what <c>ImportStatus.Silo</c> says) and process ids.</summary>
    public IReadOnlyList<(int ProcessId, string Silo)> Silos => [.. _silos.Select(s => (s.Process.Id, s.Silo))];

    public static async Task<SiloProcesses> StartAsync(int count, SampleAccounts accounts, bool consoleTelemetry = false)
    {
        var connectionString = Environment.GetEnvironmentVariable("IEA_POSTGRES")
            ?? throw new ArgumentException("--processes needs IEA_POSTGRES: the connection string of a PostgreSQL database the sample may create its tables in.");
        await OrleansPostgresSchema.EnsureCreatedAsync(connectionString);
        var cluster = new SiloProcesses(connectionString);
        try
        {
            var starting = Enumerable.Range(0, count).Select(n => cluster.StartSilo(accounts, consoleTelemetry ? n + 1 : null)).ToList();
            foreach (var (process, ready) in starting)
            {
                cluster._silos.Add((process, await ready.WaitAsync(TimeSpan.FromMinutes(2))));
            }

            var client = Host.CreateApplicationBuilder();
            // The client logs every failed connection to a killed silo at Error: the sample reports the kill itself.
            client.Logging.SetMinimumLevel(LogLevel.Warning).AddFilter("Orleans", LogLevel.Critical);
            client.UseOrleansClient(c => c
                .Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (cluster.ServiceId, cluster.ServiceId))
                .UseImportErrorAnalyticsPostgres(connectionString));
            cluster._client = client.Build();
            await cluster._client.StartAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>kill -9 of the process running <paramref name="silo"/>.</summary>
    public void Kill(string silo)
    {
        var process = _silos.Single(s => s.Silo == silo).Process;
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.StopAsync();
            _client.Dispose();
        }

        foreach (var (process, _) in _silos)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
            }

            process.Dispose();
        }
    }

    /// <summary>Starts one silo; with <paramref name="telemetryNumber"/> it exports to its stdout, forwarded here as "[silo N] ...".</summary>
    private (Process Process, Task<string> Ready) StartSilo(SampleAccounts accounts, int? telemetryNumber)
    {
        var hostDll = typeof(SiloProcesses).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "IeaSiloDll").Value!;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[]
                 {
                     hostDll, "--silo-port", "0", "--gateway-port", "0", "--page-limit", "100", "--attempt-timeout", "10", "--probe-timeout", "1", "--missed-probes", "2",
                     "--votes", "1", "--i-am-alive-period", "2", "--reminder-period", "5", "--import-check-period", "5", "--log-level", "Error",
                 })
        {
            start.ArgumentList.Add(argument);
        }

        if (telemetryNumber is not null)
        {
            start.ArgumentList.Add("--console-telemetry");
        }

        start.Environment["IEA_POSTGRES"] = ConnectionString;
        start.Environment["IEA_CLUSTER_ID"] = ServiceId;
        start.Environment["IEA_SERVICE_ID"] = ServiceId;
        start.Environment["IEA_BUDGET"] = accounts.Budget.ToString(CultureInfo.InvariantCulture);
        start.Environment["IEA_HUBSPOT_BASE_ADDRESSES"] = string.Join(',', accounts.Servers.Select(s => $"{s.Key}={s.Value.BaseAddress}"));
        foreach (var (accountId, server) in accounts.Servers)
        {
            start.Environment["IEA_TOKEN_" + accountId.ToUpperInvariant().Replace('-', '_')] = server.AccessToken;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var ready = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line && line.StartsWith("iea-silo ready ", StringComparison.Ordinal))
            {
                ready.TrySetResult(JsonDocument.Parse(line["iea-silo ready ".Length..]).RootElement.GetProperty("silo").GetString()!);
            }
            else if (e.Data is { } exported && telemetryNumber is { } number)
            {
                Console.WriteLine($"[silo {number}] {exported}");
            }
        };
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException($"iea-silo exited with {process.ExitCode} before it was ready."));
        process.BeginOutputReadLine();
        return (process, ready.Task);
    }
}
