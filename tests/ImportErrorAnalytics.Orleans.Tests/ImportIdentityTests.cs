using ImportErrorAnalytics.Orleans.Tests.Support;
using ImportErrorAnalytics.Tests.Shared;

namespace ImportErrorAnalytics.Orleans.Tests;

/// <summary>
/// One import, one grain (issue 13 §6): every spelling of an import id addresses the grain of its canonical id, an
/// account keeps and reads it once, its roll-up counts it once, and what is no import id is refused, naming it.
/// </summary>
[Collection(SharedClusterDefinition.Name)]
[Slow(SlowKind.Orleans)]
public sealed class ImportIdentityTests(AnalyticsCluster cluster)
{
    [Fact]
    public async Task SpellingsOfOneImport_AddressOneGrain_WhichTheAccountReadsOnce()
    {
        var account = await cluster.Accounts.AddAsync("spellings", [("7301", 500, 21)]);
        var grain = cluster.Client.GetAccountGrain(account.Id);

        Assert.Equal(cluster.Client.GetImportGrain(account.Id, "7301").GetGrainId(), cluster.Client.GetImportGrain(account.Id, "0007301").GetGrainId());
        var statuses = await cluster.Client.GetFleetGrain("spellings").StartImportsAsync(account.Id, ["07301", "7301", "007301"]);
        var rollup = await Eventually.ResultAsync(grain.GetRollupAsync, r => r.IsFinished, TimeSpan.FromMinutes(1), "the import to finish");
        var again = await grain.StartImportsAsync(["0007301"]);

        Assert.Equal("7301", Assert.Single(statuses).ImportId);
        Assert.Equal("7301", Assert.Single(rollup.Imports).ImportId);
        Assert.Equal(ImportState.Completed, Assert.Single(again).State);
        var status = await cluster.Client.GetImportGrain(account.Id, "07301").GetStatusAsync();
        Assert.Equal(("7301", ImportState.Completed, 500L), (status.ImportId, status.State, status.Errors));
        Assert.All(account.Server.Requests.Snapshot(), request => Assert.Equal("7301", request.ImportId));
        var served = account.Server.Requests.ErrorsRequests("7301").Where(request => request.Succeeded).Select(request => request.After ?? "").ToList();
        Assert.Equal(5, served.Count);
        Assert.Equal(served.Count, served.Distinct(StringComparer.Ordinal).Count());
        var single = await FakeAccounts.SingleRunAsync(account, "7301");
        Assert.Equal(ReportJson.Of(single), ReportJson.Of(await rollup.CreateReportAsync()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("x7302")]
    [InlineData("-7302")]
    [InlineData("7302/1")]
    [InlineData("9223372036854775808")]
    public async Task WhatIsNoImportId_IsRefusedNamingIt_AndNothingIsAdded(string importId)
    {
        var account = await cluster.Accounts.AddAsync("refused" + Guid.NewGuid().ToString("N"), [("7302", 100, 22)]);
        var fleet = cluster.Client.GetFleetGrain("refusals");
        var quoted = $"'{importId}' is not a HubSpot import id";

        var grain = Assert.Throws<ArgumentException>(() => cluster.Client.GetImportGrain(account.Id, importId));
        var started = await Assert.ThrowsAsync<ArgumentException>(() => cluster.Client.GetAccountGrain(account.Id).StartImportsAsync(["7302", importId]));
        var joined = await Assert.ThrowsAsync<ArgumentException>(() => fleet.StartImportsAsync(account.Id, ["7302", importId]));

        Assert.All(new[] { grain, started, joined }, error => Assert.Contains(quoted, error.Message, StringComparison.Ordinal));
        Assert.Empty((await cluster.Client.GetAccountGrain(account.Id).GetRollupAsync()).Imports);
        Assert.DoesNotContain(account.Id, (await fleet.GetRollupAsync()).Accounts);
        Assert.Equal(0, account.Server.Requests.Count);
    }

    [Fact]
    public async Task AnImportGrainKeyedByAnotherSpelling_IsRefused()
    {
        var grain = cluster.Client.GetGrain<IImportGrain>("forged/07303");

        var error = await Assert.ThrowsAnyAsync<Exception>(grain.GetStatusAsync);

        Assert.Contains("canonical spelling", error.ToString(), StringComparison.Ordinal);
    }
}
