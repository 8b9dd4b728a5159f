using ImportErrorAnalytics.HubSpot;
using ImportErrorAnalytics.Model;
using ImportErrorAnalytics.Testing.FakeHubSpot;
using ImportErrorAnalytics.Tests.Support;

namespace ImportErrorAnalytics.Tests.Sources;

/// <summary>Listing the account's imports through the list-imports endpoint of the fake HubSpot.</summary>
public class HubSpotImportListTests
{
    [Fact]
    public async Task List_FollowsEveryPageInTheServersOrder()
    {
        var imports = FakeHubSpotImports.Imports(10, 10, 10, 10, 10, 10, 10);
        await using var server = await FakeHubSpotImports.StartAsync(imports, o => o.DefaultPageSize = 2);

        var listed = await HubSpotImportList.ListAsync(FakeHubSpotImports.Options(server));

        Assert.Equal(imports.Select(i => i.Id), listed.Select(i => i.Id));
        var pages = server.Requests.Snapshot().Where(r => r.Endpoint == FakeHubSpotEndpoint.ImportList).ToList();
        Assert.Equal(4, pages.Count);
        Assert.Null(pages[0].After);
        Assert.Equal(pages.Take(3).Select(p => p.NextAfter), pages.Skip(1).Select(p => p.After));
        Assert.Null(pages[^1].NextAfter);
        Assert.Equal(("DONE", 2_000_000L), (listed[0].State, listed[0].TotalRows));
    }

    [Fact]
    public async Task List_CreatedSince_KeepsImportsCreatedAtOrAfterIt()
    {
        var imports = FakeHubSpotImports.Imports(10, 10, 10, 10, 10);
        await using var server = await FakeHubSpotImports.StartAsync(imports, o => o.DefaultPageSize = 2);

        var listed = await HubSpotImportList.ListAsync(FakeHubSpotImports.Options(server), createdSince: FakeHubSpotImports.FirstCreatedAt.AddDays(2));

        Assert.Equal(imports.Skip(2).Select(i => i.Id), listed.Select(i => i.Id));
        Assert.Equal(3, server.Requests.Snapshot().Count(r => r.Endpoint == FakeHubSpotEndpoint.ImportList));
    }

    [Fact]
    public async Task List_RetriesAFailedPageFromItsCursor()
    {
        var imports = FakeHubSpotImports.Imports(10, 10, 10);
        await using var server = await FakeHubSpotImports.StartAsync(imports, o =>
        {
            o.DefaultPageSize = 1;
            o.Faults.OnRequest(2, Fault.ServerError(503), FaultTarget.ImportList).OnRequest(3, Fault.CutOff(0.5), FaultTarget.ImportList);
        });

        var listed = await HubSpotImportList.ListAsync(FakeHubSpotImports.Options(server));

        Assert.Equal(imports.Select(i => i.Id), listed.Select(i => i.Id));
        Assert.Equal(5, server.Requests.Count);
    }

    [Fact]
    public async Task List_WrongToken_IsUnauthorizedAndNeverShowsIt()
    {
        await using var server = await FakeHubSpotImports.StartAsync(FakeHubSpotImports.Imports(10));
        const string wrong = "pat-eu1-12345678-aaaa-bbbb-cccc-dddddddddddd";

        var error = await Assert.ThrowsAsync<HubSpotApiException>(() =>
            HubSpotImportList.ListAsync(FakeHubSpotImports.Options(server, o => o.AccessToken = HubSpotAccessToken.From(wrong))));

        Assert.Equal(HubSpotFailure.Unauthorized, error.Failure);
        Assert.DoesNotContain(wrong, error.ToString(), StringComparison.Ordinal);
    }
}
