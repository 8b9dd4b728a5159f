using System.Text.Json;
using ImportErrorAnalytics.Cli;
using ImportErrorAnalytics.HubSpot;
using ImportErrorAnalytics.Model;
using ImportErrorAnalytics.Testing.FakeHubSpot;
using ImportErrorAnalytics.Tests.Support;

namespace ImportErrorAnalytics.Tests.Hostile;

/// <summary>
/// Issue 12, section 3: paging that cannot be followed (a cursor given before in the run, an empty cursor) ends the
/// import or the listing with <see cref="HubSpotFailure.InvalidResponse"/> (exit code 8) before the page that gave it
/// is counted, and every page is counted once: resuming from the checkpoint the failed run left gives exactly the
/// report of the import read whole. Before, such a server was read for ever, counting one page again and again.
/// </summary>
public class PagingTests
{
    [Fact]
    public async Task RepeatedCursor_EndsTheImportBeforeCountingThePageThatGaveIt()
    {
        var import = FakeHubSpotRuns.Import(1_000);
        await using var server = await FakeHubSpotRuns.StartAsync(import, o => o.Faults.OnRequest(3, Fault.RepeatedCursor()));
        var store = new MemoryCheckpointStore();

        var error = await Assert.ThrowsAsync<HubSpotApiException>(() => FakeHubSpotRuns.Builder(server).WithCheckpointStore(store).Build().RunAsync());

        Assert.Equal(HubSpotFailure.InvalidResponse, error.Failure);
        Assert.Contains("paging of the errors of import 184448894 repeats: page 3 gives the cursor", error.Message, StringComparison.Ordinal);
        Assert.Contains("that page 2 gave, so following it would read page 3 again", error.Message, StringComparison.Ordinal);
        Assert.Equal(1 + 3, server.Requests.Count);
        Assert.Equal((2, 200), Committed(store));
        await AssertResumingGivesTheWholeImportAsync(server, store, import);
    }

    [Fact]
    public async Task CursorRepeatedOnEveryPage_ReadsThePageTwiceAndCountsItOnce()
    {
        var import = FakeHubSpotRuns.Import(1_000);
        await using var server = await FakeHubSpotRuns.StartAsync(import, o => o.Faults.Randomly(1.0, Fault.RepeatedCursor()));
        var store = new MemoryCheckpointStore();

        var error = await Assert.ThrowsAsync<HubSpotApiException>(() => FakeHubSpotRuns.Builder(server).WithCheckpointStore(store).Build().RunAsync());

        // Page 1 hands out a new cursor to itself; page 2 is page 1 again, handing out that cursor once more.
        Assert.Equal(HubSpotFailure.InvalidResponse, error.Failure);
        Assert.Contains("page 2 gives the cursor", error.Message, StringComparison.Ordinal);
        Assert.Equal(1 + 2, server.Requests.Count);
        Assert.Equal((1, 100), Committed(store));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(10)]
    public async Task EmptyCursor_EndsTheImportBeforeCountingThePageThatGaveIt(int page)
    {
        // Page 10 is the last: the fault gives it a paging.next with an empty cursor where it had none.
        var import = FakeHubSpotRuns.Import(1_000);
        await using var server = await FakeHubSpotRuns.StartAsync(import, o => o.Faults.OnRequest(page, Fault.EmptyCursor()));
        var store = new MemoryCheckpointStore();

        var error = await Assert.ThrowsAsync<HubSpotApiException>(() => FakeHubSpotRuns.Builder(server).WithCheckpointStore(store).Build().RunAsync());

        Assert.Equal(HubSpotFailure.InvalidResponse, error.Failure);
        Assert.Contains($"page {page} announces a next page with an empty cursor", error.Message, StringComparison.Ordinal);
        Assert.Equal(1 + page, server.Requests.Count);
        Assert.Equal((page - 1, (page - 1) * 100), Committed(store));
        await AssertResumingGivesTheWholeImportAsync(server, store, import);
    }

    [Fact]
    public async Task ResumedRun_CountsTheCursorItStartsFromAsSeen()
    {
        var import = FakeHubSpotRuns.Import(1_000);
        await using var server = await FakeHubSpotRuns.StartAsync(import, o => o.Faults.OnRequest(4, Fault.DailyLimit()));
        var store = new MemoryCheckpointStore();
        await Assert.ThrowsAsync<HubSpotApiException>(() => FakeHubSpotRuns.Builder(server).WithCheckpointStore(store).Build().RunAsync());
        Assert.Equal((3, 300), Committed(store));
        server.ClearFaults();
        server.FailNext(Fault.RepeatedCursor());

        var error = await Assert.ThrowsAsync<HubSpotApiException>(() => FakeHubSpotRuns.Builder(server).WithCheckpointStore(store).Build().RunAsync());

        Assert.Equal(HubSpotFailure.InvalidResponse, error.Failure);
        Assert.Contains("page 4 gives the cursor", error.Message, StringComparison.Ordinal);
        Assert.Contains("that page 3 gave", error.Message, StringComparison.Ordinal);
        Assert.Equal((3, 300), Committed(store));
    }

    [Theory]
    [InlineData("repeated", 2, "page 2 gives the cursor")]
    [InlineData("empty", 1, "page 1 announces a next page with an empty cursor")]
    public async Task ListWhosePagingCannotBeFollowed_EndsTheListing(string fault, int request, string message)
    {
        var imports = FakeHubSpotImports.Imports(10, 10, 10, 10, 10);
        await using var server = await FakeHubSpotImports.StartAsync(imports, o =>
        {
            o.DefaultPageSize = 2;
            o.Faults.OnRequest(request, fault == "empty" ? Fault.EmptyCursor() : Fault.RepeatedCursor(), FaultTarget.ImportList);
        });

        var error = await Assert.ThrowsAsync<HubSpotApiException>(() => HubSpotImportList.ListAsync(FakeHubSpotImports.Options(server)));

        Assert.Equal(HubSpotFailure.InvalidResponse, error.Failure);
        Assert.Contains("paging of the list of imports", error.Message, StringComparison.Ordinal);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(request, server.Requests.Count);
    }

    [Fact]
    public async Task ListOfMorePagesThanTheLimit_EndsTheListing()
    {
        var imports = FakeHubSpotImports.Imports(10, 10, 10, 10, 10);
        await using var server = await FakeHubSpotImports.StartAsync(imports, o => o.DefaultPageSize = 1);

        var error = await Assert.ThrowsAsync<HubSpotApiException>(() => HubSpotImportList.ListAsync(FakeHubSpotImports.Options(server, o => o.MaxImportListPages = 3)));

        Assert.Equal(HubSpotFailure.InvalidResponse, error.Failure);
        Assert.Contains("goes on past 3 pages", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, server.Requests.Count);
        Assert.Equal(5, (await HubSpotImportList.ListAsync(FakeHubSpotImports.Options(server, o => o.MaxImportListPages = 5))).Count);
    }

    [Fact]
    public async Task ListWithoutFaults_FollowsEveryPage()
    {
        var imports = FakeHubSpotImports.Imports(10, 10, 10, 10, 10);
        await using var server = await FakeHubSpotImports.StartAsync(imports, o => o.DefaultPageSize = 2);

        var listed = await HubSpotImportList.ListAsync(FakeHubSpotImports.Options(server));

        Assert.Equal(imports.Select(i => i.Id), listed.Select(i => i.Id));
        Assert.Equal(3, server.Requests.Count);
    }

    [Theory]
    [InlineData("repeated-errors")]
    [InlineData("empty-errors")]
    [InlineData("repeated-list")]
    [InlineData("description-array")]
    public async Task Cli_PagingThatCannotBeFollowed_OrADescriptionOfTheWrongShape_ExitsWithEight(string fault)
    {
        await using var server = await FakeHubSpotRuns.StartAsync(FakeHubSpotRuns.Import(500), o =>
        {
            o.DefaultPageSize = 100;
            _ = fault switch
            {
                "repeated-errors" => o.Faults.OnRequest(2, Fault.RepeatedCursor()),
                "empty-errors" => o.Faults.OnRequest(2, Fault.EmptyCursor()),
                "repeated-list" => o.Faults.Randomly(1.0, Fault.RepeatedCursor(), FaultTarget.ImportList),
                _ => o.Faults.Randomly(1.0, Fault.ReplacedBody("[{\"id\":\"184448894\"}]"), FaultTarget.Import),
            };
        });
        var variable = "IEA_TEST_TOKEN_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, server.AccessToken);
        var stderr = new StringWriter();
        string[] source = fault == "repeated-list" ? ["--all-imports"] : ["--import-id", FakeHubSpotRuns.ImportId];
        int code;
        try
        {
            code = await IeaCommand.RunAsync(["report", .. source, "--base-url", server.BaseAddress.ToString(), "--token-env", variable], new StringWriter(), stderr);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }

        Assert.True(code == ExitCodes.HubSpotFailed, stderr.ToString());
        Assert.Contains(fault == "description-array" ? "it is an array, not a JSON object" : fault == "empty-errors" ? "empty cursor" : "repeats", stderr.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(server.AccessToken, stderr.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Pages and errors of the last checkpoint saved.</summary>
    private static (int Pages, int Errors) Committed(MemoryCheckpointStore store)
    {
        using var json = JsonDocument.Parse(store.Saved!);
        var counters = json.RootElement.GetProperty("counters");
        return (counters.GetProperty("pages").GetInt32(), counters.GetProperty("errors").GetInt32());
    }

    /// <summary>Without the fault, the run resumed from the failed run's checkpoint is the import read whole: nothing was counted twice or lost.</summary>
    private static async Task AssertResumingGivesTheWholeImportAsync(FakeHubSpotServer server, MemoryCheckpointStore store, ImportErrorAnalytics.Testing.SyntheticImport import)
    {
        server.ClearFaults();
        var resumed = await FakeHubSpotRuns.Builder(server).WithCheckpointStore(store).Build().RunAsync();
        FakeHubSpotRuns.AssertSameCounts(await FakeHubSpotRuns.InMemoryAsync(import), resumed);
    }
}
