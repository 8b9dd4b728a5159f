using ImportErrorAnalytics.Orleans.Tests.Support;
using ImportErrorAnalytics.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Hosting;

namespace ImportErrorAnalytics.Orleans.Tests.PostgreSql;

/// <summary>
/// The project's grains on PostgreSQL end to end: imports of an account run on two silos with their state in the
/// database, give the reports of single runs, and the results outlive the whole cluster (new silos read them back).
/// </summary>
[Slow(SlowKind.Orleans)]
public sealed class AnalyticsOnPostgresTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task ImportsRunOnPostgresBackedSilos_GiveSingleRunReports_AndOutliveTheCluster()
    {
        await database.CreateSchemaAsync();
        var clusterId = "analytics-" + Guid.NewGuid().ToString("N")[..8];
        await using var accounts = new FakeAccounts();
        var account = await accounts.AddAsync("pg-account", [("9401", 700, 41), ("9402", 400, 42)]);
        string report1;
        await using (var first = await StartSiloAsync(clusterId, accounts))
        await using (var second = await StartSiloAsync(clusterId, accounts))
        {
            using var client = await PostgresSilo.StartClientAsync(database.ConnectionString, clusterId);
            var grains = client.Services.GetRequiredService<IClusterClient>();
            await grains.GetAccountGrain(account.Id).StartImportsAsync(account.ImportIds);
            var rollup = await Eventually.ResultAsync(
                grains.GetAccountGrain(account.Id).GetRollupAsync, r => r.IsFinished, TimeSpan.FromMinutes(2), "both imports to finish");

            Assert.All(rollup.Imports, status => Assert.Equal(ImportState.Completed, status.State));
            report1 = ReportJson.Of(await (await grains.GetImportGrain(account.Id, "9401").GetResultAsync()).CreateReportAsync());
            Assert.Equal(ReportJson.Of(await FakeAccounts.SingleRunAsync(account, "9401")), report1);
            await client.StopAsync();
        }

        // The grains' states are rows of the project's table, one per state name and grain.
        var names = await database.QueryAsync("SELECT DISTINCT state_name FROM iea_grain_state ORDER BY 1", r => r.GetString(0));
        Assert.Equal(["account", "budget", "import"], names);

        // A new cluster on the same database: the finished import's result comes from PostgreSQL, without a request.
        var requests = account.Server.Requests.Count;
        await using var fresh = await StartSiloAsync(clusterId, accounts);
        using var again = await PostgresSilo.StartClientAsync(database.ConnectionString, clusterId);
        var result = await again.Services.GetRequiredService<IClusterClient>().GetImportGrain(account.Id, "9401").GetResultAsync();

        Assert.Equal(ImportState.Completed, result.Status.State);
        Assert.Equal(report1, ReportJson.Of(await result.CreateReportAsync()));
        Assert.Equal(requests, account.Server.Requests.Count);
        await again.StopAsync();
    }

    private Task<PostgresSilo> StartSiloAsync(string clusterId, FakeAccounts accounts) =>
        PostgresSilo.StartAsync(database.ConnectionString, clusterId, silo =>
        {
            silo.AddImportErrorAnalytics(o =>
            {
                o.ConfigureHubSpot = accounts.Configure;
                o.ImportCheckPeriod = TimeSpan.FromSeconds(1);
            });
            silo.Services.AddSingleton<IHubSpotTokenProvider>(accounts);
        });
}
