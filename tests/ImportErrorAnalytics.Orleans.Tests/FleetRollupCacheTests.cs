using System.Diagnostics;
using ImportErrorAnalytics.Orleans.Grains;
using ImportErrorAnalytics.Orleans.Tests.Support;
using ImportErrorAnalytics.Tests.Shared;
using Xunit.Abstractions;

namespace ImportErrorAnalytics.Orleans.Tests;

/// <summary>The fleet merges again only when an account's roll-up changed, and keeps its merge across a reactivation.</summary>
[Collection(SharedClusterDefinition.Name)]
[Slow(SlowKind.Orleans)]
public sealed class FleetRollupCacheTests(AnalyticsCluster cluster, ITestOutputHelper output)
{
    [Fact]
    public async Task AnUnchangedFleet_IsNotMergedAgain_AChangedAccountIs_AndANewActivationAnswersFromTheSavedMerge()
    {
        var one = await cluster.Accounts.AddAsync("cache-1", [("7911", 500, 61)]);
        var two = await cluster.Accounts.AddAsync("cache-2", [("7912", 400, 62)]);
        var fleet = cluster.Client.GetFleetGrain("cache");
        var merges = cluster.Client.GetGrain<IFleetMergeCounter>("cache");
        await fleet.StartImportsAsync(one.Id, one.ImportIds);
        await FinishedAsync(one.Id);

        var first = await fleet.GetRollupAsync();
        Assert.Equal(1, await merges.GetMergeCountAsync());
        var (second, hit) = await TimedAsync(fleet.GetRollupAsync);
        Assert.Equal(1, await merges.GetMergeCountAsync());
        Assert.Equal(first.Snapshot.ToArray(), second.Snapshot.ToArray());

        await fleet.StartImportsAsync(two.Id, two.ImportIds);
        await FinishedAsync(two.Id);
        var watch = Stopwatch.StartNew();
        var third = await fleet.GetRollupAsync();
        var miss = watch.Elapsed;
        Assert.Equal(2, await merges.GetMergeCountAsync());
        var singles = new[] { await FakeAccounts.SingleRunAsync(one, "7911"), await FakeAccounts.SingleRunAsync(two, "7912") };
        Assert.Equal(ReportJson.OfMerge(singles), ReportJson.Of(await third.CreateReportAsync()));
        output.WriteLine($"median of 5 calls with nothing changed: {hit.TotalMilliseconds:F1} ms; the call that merged two accounts: {miss.TotalMilliseconds:F1} ms");

        // A new activation of the fleet reads its saved merge: nothing changed, so it merges nothing.
        await cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var fourth = await fleet.GetRollupAsync();
        Assert.Equal(0, await merges.GetMergeCountAsync());
        Assert.Equal(third.Snapshot.ToArray(), fourth.Snapshot.ToArray());
        Assert.Equal(2, fourth.Imports.Count);
    }

    private async Task FinishedAsync(string accountId) =>
        await Eventually.ResultAsync(
            cluster.Client.GetAccountGrain(accountId).GetRollupAsync, r => r.IsFinished && !r.Snapshot.IsEmpty, TimeSpan.FromMinutes(1), $"{accountId}'s roll-up");

    /// <summary>The median of five calls' times (and the first's result), for the output only: nothing is asserted on time.</summary>
    private static async Task<(FleetRollup First, TimeSpan Median)> TimedAsync(Func<Task<FleetRollup>> call)
    {
        var watch = Stopwatch.StartNew();
        var first = await call();
        var times = new List<TimeSpan> { watch.Elapsed };
        for (var i = 0; i < 4; i++)
        {
            watch.Restart();
            await call();
            times.Add(watch.Elapsed);
        }

        return (first, times.Order().ElementAt(2));
    }
}
