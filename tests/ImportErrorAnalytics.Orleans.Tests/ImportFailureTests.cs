using ImportErrorAnalytics.Orleans.Tests.Support;
using ImportErrorAnalytics.Testing.FakeHubSpot;
using ImportErrorAnalytics.Tests.Shared;

namespace ImportErrorAnalytics.Orleans.Tests;

/// <summary>An import that HubSpot stops (not worth retrying) fails with the reason, and resumes when started again.</summary>
[Collection(SharedClusterDefinition.Name)]
[Slow(SlowKind.Orleans)]
public sealed class ImportFailureTests(AnalyticsCluster cluster)
{
    private const string ImportId = "9901";

    [Fact]
    public async Task ImportStoppedByTheDailyLimit_Fails_ThenResumesFromItsLastSavedPageWhenStartedAgain()
    {
        // Six pages; the fourth page's request hits the account's daily limit, which waiting does not cure.
        var account = await cluster.Accounts.AddAsync("daily", [(ImportId, 600, 16)], configure: o => o.Faults.OnRequest(4, Fault.DailyLimit()));
        var grain = cluster.Client.GetAccountGrain(account.Id);
        await grain.StartImportsAsync([ImportId]);

        var failed = await Eventually.ResultAsync(grain.GetRollupAsync, r => r.IsFinished, TimeSpan.FromMinutes(1), "the import to fail");
        var status = Assert.Single(failed.Imports);
        Assert.Equal(ImportState.Failed, status.State);
        Assert.Contains("daily API limit", status.Failure, StringComparison.Ordinal);
        Assert.Equal(3, status.Pages);
        Assert.True(failed.Snapshot.IsEmpty);

        await grain.StartImportsAsync([ImportId]);
        var completed = await Eventually.ResultAsync(grain.GetRollupAsync, r => r.IsFinished, TimeSpan.FromMinutes(1), "the import to complete");

        Assert.Equal(ImportState.Completed, Assert.Single(completed.Imports).State);
        var requests = account.Server.Requests.ErrorsRequests(ImportId);
        Assert.Equal(requests[3].After, requests[4].After);
        Assert.Equal(6, requests.Count(entry => entry.Succeeded));
        Assert.Equal(7, requests.Count);
        var single = await FakeAccounts.SingleRunAsync(account, ImportId);
        Assert.Equal(ReportJson.Of(single), ReportJson.Of(await completed.CreateReportAsync()));
    }
}
