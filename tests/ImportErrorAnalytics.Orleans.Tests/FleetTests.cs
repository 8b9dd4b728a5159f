using ImportErrorAnalytics.Orleans.Tests.Support;
using ImportErrorAnalytics.Snapshots;
using ImportErrorAnalytics.Tests.Shared;
using Xunit.Abstractions;

namespace ImportErrorAnalytics.Orleans.Tests;

/// <summary>Several accounts and imports at once on a two-silo cluster give what single runs give.</summary>
[Collection(SharedClusterDefinition.Name)]
[Slow(SlowKind.Orleans)]
public sealed class FleetTests(AnalyticsCluster cluster, ITestOutputHelper output)
{
    [Fact]
    public async Task ImportsOfSeveralAccountsRunConcurrently_EachGivesTheReportOfASingleRun_AndRollupsAreTheMerges()
    {
        var north = await cluster.Accounts.AddAsync("north", [("7101", 1_200, 1), ("7102", 700, 2), ("7103", 900, 3)]);
        var south = await cluster.Accounts.AddAsync("south", [("8101", 1_500, 4), ("8102", 600, 5)]);
        var fleet = cluster.Client.GetFleetGrain("concurrency");

        await Task.WhenAll(fleet.StartImportsAsync(north.Id, north.ImportIds), fleet.StartImportsAsync(south.Id, south.ImportIds));
        var rollup = await Eventually.ResultAsync(fleet.GetRollupAsync, r => r.IsFinished, TimeSpan.FromMinutes(2), "every import to finish");

        Assert.Equal(["north", "south"], rollup.Accounts.Order());
        Assert.All(rollup.Imports, status => Assert.Equal(ImportState.Completed, status.State));
        foreach (var status in rollup.Imports)
        {
            output.WriteLine(status + " on " + status.Silo);
        }

        // Before the single runs add their own requests: the grains fetched every page exactly once.
        foreach (var account in new[] { north, south })
        {
            foreach (var importId in account.ImportIds)
            {
                var served = account.Server.Requests.ErrorsRequests(importId).Where(e => e.Succeeded).Select(e => e.After ?? "").ToList();
                Assert.Equal(served.Distinct().Count(), served.Count);
            }
        }

        var singles = new Dictionary<(string, string), ReportSnapshot>();
        foreach (var account in new[] { north, south })
        {
            foreach (var importId in account.ImportIds)
            {
                singles[(account.Id, importId)] = await FakeAccounts.SingleRunAsync(account, importId);
            }
        }

        foreach (var ((accountId, importId), single) in singles)
        {
            var result = await cluster.Client.GetImportGrain(accountId, importId).GetResultAsync();
            Assert.Equal(ReportJson.Of(single), ReportJson.Of(await result.CreateReportAsync()));
            Assert.Equal(single.CreateReport().Totals.Errors, result.Status.Errors);
        }

        foreach (var account in new[] { north, south })
        {
            var accountRollup = await cluster.Client.GetAccountGrain(account.Id).GetRollupAsync();
            var expected = ReportJson.OfMerge(singles.Where(pair => pair.Key.Item1 == account.Id).Select(pair => pair.Value));
            Assert.Equal(expected, ReportJson.Of(await accountRollup.CreateReportAsync()));
        }

        Assert.Equal(ReportJson.OfMerge(singles.Values), ReportJson.Of(await rollup.CreateReportAsync()));
    }

    [Fact]
    public async Task StartingAgain_KeepsEachImportOnce_AndACompletedImportIsNotReadAgain()
    {
        var account = await cluster.Accounts.AddAsync("again", [("7201", 400, 6)]);
        var grain = cluster.Client.GetAccountGrain(account.Id);
        await grain.StartImportsAsync(["7201", "7201"]);
        var first = await Eventually.ResultAsync(grain.GetRollupAsync, r => r.IsFinished, TimeSpan.FromMinutes(1), "the import to finish");
        var requests = account.Server.Requests.Count;

        var statuses = await grain.StartImportsAsync(["7201"]);
        var second = await grain.GetRollupAsync();

        Assert.Equal(ImportState.Completed, Assert.Single(statuses).State);
        Assert.Single(second.Imports);
        Assert.Equal(requests, account.Server.Requests.Count);
        Assert.Equal(ReportJson.Of(await first.CreateReportAsync()), ReportJson.Of(await second.CreateReportAsync()));
    }
}
