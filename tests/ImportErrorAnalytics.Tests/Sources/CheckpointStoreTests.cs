using ImportErrorAnalytics.Pipeline.Checkpoints;
using ImportErrorAnalytics.Testing.FakeHubSpot;
using ImportErrorAnalytics.Tests.Support;

namespace ImportErrorAnalytics.Tests.Sources;

/// <summary>The checkpoint in a store of the caller's: saved once per page, before the next page is asked for.</summary>
public class CheckpointStoreTests
{
    [Fact]
    public async Task EachPageIsSavedBeforeTheNextOneIsRequested()
    {
        var import = FakeHubSpotRuns.Import(1_000);
        await using var server = await FakeHubSpotRuns.StartAsync(import);
        var requestsAtSave = new List<int>();
        var store = new MemoryCheckpointStore { OnSave = _ => requestsAtSave.Add(server.Requests.ErrorsRequests().Count) };

        var report = await FakeHubSpotRuns.Builder(server).WithCheckpointStore(store).Build().RunAsync();

        FakeHubSpotRuns.AssertSameCounts(await FakeHubSpotRuns.InMemoryAsync(import), report);
        Assert.Equal(Enumerable.Range(1, 10), requestsAtSave);
    }

    [Fact]
    public async Task FailingSave_EndsTheRun_AndTheStoreResumesAfterTheLastSavedPage()
    {
        var import = FakeHubSpotRuns.Import(1_000);
        await using var server = await FakeHubSpotRuns.StartAsync(import);
        var store = new MemoryCheckpointStore { FailingSave = 4 };

        var error = await Assert.ThrowsAsync<CheckpointException>(() => FakeHubSpotRuns.Builder(server).WithCheckpointStore(store).Build().RunAsync());
        Assert.True(error.IsSaveFailure);
        Assert.Equal("The disk is full.", Assert.IsType<IOException>(error.InnerException).Message);
        Assert.Contains("cannot be saved", error.Message, StringComparison.Ordinal);
        Assert.Equal(4, server.Requests.ErrorsRequests().Count);

        store.FailingSave = null;
        var resumed = await FakeHubSpotRuns.Builder(server).WithCheckpointStore(store).Build().RunAsync();

        FakeHubSpotRuns.AssertSameCounts(await FakeHubSpotRuns.InMemoryAsync(import), resumed);
        var afterResume = server.Requests.ErrorsRequests().Skip(4).Select(e => e.After).ToList();
        Assert.Equal(server.Requests.ErrorsRequests()[3].After, afterResume[0]);
        Assert.Equal(7, afterResume.Count);
    }
}
