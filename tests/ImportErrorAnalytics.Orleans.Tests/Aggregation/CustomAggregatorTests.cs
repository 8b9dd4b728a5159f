using System.Text.Json;
using ImportErrorAnalytics.Orleans.Tests.Support;
using ImportErrorAnalytics.Reporting;
using ImportErrorAnalytics.Snapshots;
using ImportErrorAnalytics.Tests.Shared;

namespace ImportErrorAnalytics.Orleans.Tests.Aggregation;

/// <summary>
/// Custom aggregators registered on the silos (by type and by the generated registration) run in every import grain,
/// and the account and fleet roll-ups merge their states: each equals what the library gives without Orleans.
/// </summary>
[Collection(SharedClusterDefinition.Name)]
[Slow(SlowKind.Orleans)]
public sealed class CustomAggregatorTests(AggregatorCluster cluster) : IClassFixture<AggregatorCluster>
{
    [Fact]
    public async Task ImportsAccountsAndFleet_CarryTheCustomResults_EqualToSingleRunsAndTheirMerges()
    {
        var east = await cluster.Accounts.AddAsync("agg-east", [("7301", 900, 31), ("7302", 500, 32)]);
        var west = await cluster.Accounts.AddAsync("agg-west", [("7401", 700, 33)]);
        var fleet = cluster.Client.GetFleetGrain("custom");
        await fleet.StartImportsAsync(east.Id, east.ImportIds);
        await fleet.StartImportsAsync(west.Id, west.ImportIds);
        var rollup = await Eventually.ResultAsync(
            fleet.GetRollupAsync, r => r.IsFinished && r.Imports.Count == 3, TimeSpan.FromMinutes(2), "every import to finish");

        Assert.All(rollup.Imports, status => Assert.Equal(ImportState.Completed, status.State));
        Assert.Empty(rollup.Refused);
        var reader = AggregatorCluster.Reader();
        var singles = new Dictionary<(string Account, string Import), ReportSnapshot>();
        foreach (var account in new[] { east, west })
        {
            foreach (var importId in account.ImportIds)
            {
                var single = await FakeAccounts.SingleRunAsync(account, importId, AggregatorCluster.Register);
                singles[(account.Id, importId)] = single;
                var result = await cluster.Client.GetImportGrain(account.Id, importId).GetResultAsync();
                var report = await result.CreateReportAsync(reader);
                Assert.Equal(ReportJson.Of(single), ReportJson.Of(report));
                AssertCustomResults(report);
            }
        }

        foreach (var account in new[] { east, west })
        {
            var accountRollup = await cluster.Client.GetAccountGrain(account.Id).GetRollupAsync();
            Assert.Empty(accountRollup.Refused);
            var report = await accountRollup.CreateReportAsync(reader);
            Assert.Equal(ReportJson.OfMerge(singles.Where(pair => pair.Key.Account == account.Id).Select(pair => pair.Value)), ReportJson.Of(report));
            AssertCustomResults(report);
        }

        var fleetReport = await rollup.CreateReportAsync(reader);
        Assert.Equal(ReportJson.OfMerge(singles.Values), ReportJson.Of(fleetReport));
        AssertCustomResults(fleetReport);

        // A client that does not know the silos' aggregators is told which state it cannot read.
        var unknown = await Assert.ThrowsAsync<SnapshotMismatchException>(() => rollup.CreateReportAsync());
        Assert.Contains(LineSpan.AggregatorName, unknown.Message, StringComparison.Ordinal);
    }

    /// <summary>Both custom aggregators' results are in the report, and they counted something.</summary>
    private static void AssertCustomResults(ImportErrorReport? report)
    {
        using var json = JsonDocument.Parse(ReportJson.Of(report));
        var custom = json.RootElement.GetProperty("custom");
        var errors = json.RootElement.GetProperty("totals").GetProperty("errors").GetInt64();
        Assert.Equal(errors, custom.GetProperty("errorTypesPerObjectType").GetProperty("counts").EnumerateArray().Sum(count => count.GetProperty("errors").GetInt64()));
        Assert.True(custom.GetProperty(LineSpan.AggregatorName).GetProperty("withLine").GetInt64() > 0);
    }
}
