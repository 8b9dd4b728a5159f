using ImportErrorAnalytics.Orleans.Tests.Support;
using ImportErrorAnalytics.Tests.Shared;

namespace ImportErrorAnalytics.Orleans.Tests.Aggregation;

/// <summary>
/// Silos that register different aggregators, over one storage: a cluster whose silos register the custom aggregators
/// and one whose silos register none (a deployment that forgot them). A roll-up that meets a state it has no aggregator
/// for, or lacks one it has, refuses that part with the reason and merges the rest; nothing fails.
/// </summary>
[Collection(SharedClusterDefinition.Name)]
[Slow(SlowKind.Orleans)]
public sealed class MismatchedSiloTests : IAsyncLifetime
{
    private readonly AggregatorCluster _with = new();
    private AnalyticsCluster? _without;

    private AnalyticsCluster Without => _without ?? throw new InvalidOperationException("Not deployed.");

    public async Task InitializeAsync()
    {
        await _with.InitializeAsync();
        _without = new AnalyticsCluster(_with.Store, _with.Accounts);
        await _without.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        if (_without is not null)
        {
            await _without.DisposeAsync();
        }

        await _with.DisposeAsync();
    }

    [Fact]
    public async Task AnAccountOnASiloWithoutTheAggregators_RefusesTheImportWithTheReason_AndOneWithThemMergesIt()
    {
        var account = await _with.Accounts.AddAsync("mix-a", [("7501", 400, 41)]);
        await CompleteAsync(_with, account.Id, "7501");

        var refusing = await Without.Client.GetAccountGrain(account.Id).StartImportsAsync(["7501"]);
        var rollup = await Without.Client.GetAccountGrain(account.Id).GetRollupAsync();

        Assert.Equal(ImportState.Completed, Assert.Single(refusing).State);
        var refusal = Assert.Single(rollup.Refused);
        Assert.Equal((account.Id, "7501"), (refusal.AccountId, refusal.ImportId));
        Assert.Contains("holds the state of the aggregator", refusal.Reason, StringComparison.Ordinal);
        Assert.Contains("This silo registers no custom aggregator", refusal.Reason, StringComparison.Ordinal);
        Assert.True(rollup.Snapshot.IsEmpty);
        Assert.Null(rollup.Version);

        // The refused import stays as it was: an account grain on a silo that registers the aggregators merges it.
        // (The account's activation there, from the run's budget, holds the account's state from before: collect it.)
        await _with.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var merged = await Eventually.ResultAsync(
            _with.Client.GetAccountGrain(account.Id).GetRollupAsync, r => !r.Snapshot.IsEmpty, TimeSpan.FromSeconds(30), "the merge on a silo with the aggregators");
        Assert.Empty(merged.Refused);
        var single = await FakeAccounts.SingleRunAsync(account, "7501", AggregatorCluster.Register);
        Assert.Equal(ReportJson.Of(single), ReportJson.Of(await merged.CreateReportAsync(AggregatorCluster.Reader())));
    }

    [Fact]
    public async Task AnAccountOnASiloWithTheAggregators_RefusesAnImportMadeWithoutThem()
    {
        var account = await _with.Accounts.AddAsync("mix-c", [("7701", 300, 43)]);
        await CompleteAsync(Without, account.Id, "7701");

        await _with.Client.GetAccountGrain(account.Id).StartImportsAsync(["7701"]);
        var rollup = await _with.Client.GetAccountGrain(account.Id).GetRollupAsync();

        var refusal = Assert.Single(rollup.Refused);
        Assert.Equal("7701", refusal.ImportId);
        Assert.Contains("has no state for the aggregator", refusal.Reason, StringComparison.Ordinal);
        Assert.Contains("'lineSpan'", refusal.Reason, StringComparison.Ordinal);
        Assert.True(rollup.Snapshot.IsEmpty);
    }

    [Fact]
    public async Task AFleetOnASiloWithoutTheAggregators_RefusesTheAccountsRollupWithTheReason()
    {
        var account = await _with.Accounts.AddAsync("mix-b", [("7601", 300, 42)]);
        var fleet = _with.Client.GetFleetGrain("mixed");
        await fleet.StartImportsAsync(account.Id, account.ImportIds);
        var before = await Eventually.ResultAsync(fleet.GetRollupAsync, r => r.IsFinished && !r.Snapshot.IsEmpty, TimeSpan.FromMinutes(1), "the fleet's merge");
        Assert.Empty(before.Refused);

        var rollup = await Without.Client.GetFleetGrain("mixed").GetRollupAsync();

        var refusal = Assert.Single(rollup.Refused);
        Assert.Equal(account.Id, refusal.AccountId);
        Assert.Null(refusal.ImportId);
        Assert.Contains("roll-up of account mix-b", refusal.Reason, StringComparison.Ordinal);
        Assert.Contains("This silo registers no custom aggregator", refusal.Reason, StringComparison.Ordinal);
        Assert.True(rollup.Snapshot.IsEmpty);
        Assert.Equal(ImportState.Completed, Assert.Single(rollup.Imports).State);
    }

    /// <summary>Runs the import on <paramref name="cluster"/> alone (its account grain is not told) until it completes.</summary>
    private static async Task CompleteAsync(AnalyticsCluster cluster, string accountId, string importId)
    {
        var grain = cluster.Client.GetImportGrain(accountId, importId);
        await grain.StartAsync();
        await Eventually.ResultAsync(grain.GetStatusAsync, status => status.State == ImportState.Completed, TimeSpan.FromMinutes(1), "the import to complete");
    }
}
