using ImportErrorAnalytics.Orleans.Tests.Support;
using ImportErrorAnalytics.Tests.Shared;
using Xunit.Abstractions;

namespace ImportErrorAnalytics.Orleans.Tests;

/// <summary>Every request of every import grain of an account draws from the account's one budget, measured where HubSpot would count.</summary>
[Collection(SharedClusterDefinition.Name)]
[Slow(SlowKind.Orleans)]
public sealed class AccountBudgetTests(AnalyticsCluster cluster, ITestOutputHelper output)
{
    private static readonly TimeSpan TenSeconds = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task ImportGrainsOfOneAccount_StayTogetherWithinItsBudget_InEveryRolling10Seconds()
    {
        // Two accounts, two imports each, 5 requests per import (the import, 4 pages): 10 requests an account
        // against a budget of 6, which the fake servers also enforce (a 429 would show in their logs). Retries are
        // requests too: they take permits like any other.
        const int budget = 6;
        var east = await cluster.Accounts.AddAsync("budget-east", [("9401", 400, 9), ("9402", 400, 10)], budget, o => o.BurstLimit = budget);
        var west = await cluster.Accounts.AddAsync("budget-west", [("9501", 400, 11), ("9502", 400, 12)], budget, o => o.BurstLimit = budget);
        var fleet = cluster.Client.GetFleetGrain("budget");

        await Task.WhenAll(fleet.StartImportsAsync(east.Id, east.ImportIds), fleet.StartImportsAsync(west.Id, west.ImportIds));
        var rollup = await Eventually.ResultAsync(fleet.GetRollupAsync, r => r.IsFinished, TimeSpan.FromMinutes(2), "every import to finish");

        Assert.All(rollup.Imports, status => Assert.Equal(ImportState.Completed, status.State));
        foreach (var account in new[] { east, west })
        {
            var log = account.Server.Requests;
            var entries = log.Snapshot();
            var busiest = log.MaxRequestsInWindow(TenSeconds);
            var span = entries[^1].Timestamp - entries[0].Timestamp;
            output.WriteLine($"{account.Id}: {entries.Count} requests over {span.TotalSeconds:F1} s, at most {busiest} in any 10 s (budget {budget})");
            // Each request served once (a busy machine may time an attempt out and send it again, with a new permit).
            Assert.Equal(10, entries.Count(entry => entry.Succeeded));
            Assert.DoesNotContain(entries, entry => entry.RefusedByRateLimit);
            // The budget held requests back, and each account had its own: both used it whole, neither more.
            Assert.Equal(budget, busiest);
        }
    }
}
