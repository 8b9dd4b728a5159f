using ImportErrorAnalytics.Orleans.Tests.Support;
using ImportErrorAnalytics.Testing.FakeHubSpot;
using ImportErrorAnalytics.Tests.Shared;
using Xunit.Abstractions;

namespace ImportErrorAnalytics.Orleans.Tests;

/// <summary>A silo killed in the middle of an import: the import resumes elsewhere from its saved cursor.</summary>
[Collection(SharedClusterDefinition.Name)]
[Slow(SlowKind.Orleans)]
public sealed class SiloCrashTests(IsolatedAnalyticsCluster cluster, ITestOutputHelper output) : IClassFixture<IsolatedAnalyticsCluster>
{
    private const string ImportId = "9801";

    [Fact]
    public async Task SiloKilledMidImport_TheImportResumesOnAnotherSiloFromItsCursor_AndItsReportIsExact()
    {
        // Ten pages; the request for the fifth hangs, so the import has saved four when its silo is killed.
        var account = await cluster.Accounts.AddAsync("crash", [(ImportId, 1_000, 15)], configure: o => o.Faults.OnRequest(5, Fault.Hang()));
        var log = account.Server.Requests;
        var grain = cluster.Client.GetImportGrain(account.Id, ImportId);
        await cluster.Client.GetAccountGrain(account.Id).StartImportsAsync([ImportId]);
        var before = await Eventually.ResultAsync(
            grain.GetStatusAsync, status => status.Pages == 4 && log.ErrorsRequests(ImportId).Count == 5, TimeSpan.FromMinutes(1), "four pages saved and the fifth asked for");

        var silo = cluster.Cluster.Silos.Single(handle => handle.SiloAddress.ToString() == before.Silo);
        await cluster.Cluster.KillSiloAsync(silo);
        var after = await Eventually.ResultAsync(
            grain.GetStatusAsync, status => status.State == ImportState.Completed, TimeSpan.FromMinutes(2), "the import to complete on another silo");
        output.WriteLine($"killed {before.Silo} while {before}; completed on {after.Silo}");

        Assert.NotEqual(before.Silo, after.Silo);
        Assert.Contains(cluster.Logs.Lines, line => line.Contains($"{account.Id}/{ImportId} resumes on {after.Silo}", StringComparison.Ordinal));
        var requests = log.ErrorsRequests(ImportId);
        var hung = requests[4];
        Assert.False(hung.Succeeded);
        // Resumed from the saved cursor (not from the first page), and every page was served once: none lost, none twice.
        Assert.NotNull(hung.After);
        Assert.Equal(hung.After, requests[5].After);
        var served = requests.Where(entry => entry.Succeeded).Select(entry => entry.After ?? "").ToList();
        Assert.Equal(10, served.Count);
        Assert.Equal(served.Count, served.Distinct().Count());
        Assert.Empty(log.UnservedCursors(ImportId));

        var single = await FakeAccounts.SingleRunAsync(account, ImportId);
        var result = await grain.GetResultAsync();
        Assert.Equal(ReportJson.Of(single), ReportJson.Of(await result.CreateReportAsync()));
        Assert.Equal(1_000, result.Status.Errors);
        Assert.Equal(10, result.Status.Pages);
    }
}
