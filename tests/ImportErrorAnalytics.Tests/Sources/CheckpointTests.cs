using ImportErrorAnalytics.Pipeline.Checkpoints;
using ImportErrorAnalytics.Reporting;
using ImportErrorAnalytics.Testing.FakeHubSpot;
using ImportErrorAnalytics.Tests.Support;

namespace ImportErrorAnalytics.Tests.Sources;

/// <summary>A run stopped at any moment and resumed from its checkpoint gives the report of an uninterrupted run.</summary>
public class CheckpointTests
{
    [Fact]
    public async Task ResumingFromEveryCheckpointOfARun_GivesTheUninterruptedReport()
    {
        var import = FakeHubSpotRuns.Import(2_000);
        await using var server = await FakeHubSpotRuns.StartAsync(import, o => o.Faults.OnRequests([4, 9], Fault.CutOff(0.5)));
        using var temp = new TempDirectory();
        var checkpoint = Path.Combine(temp.Path, "run.checkpoint");

        // Copy the checkpoint file as often as possible while the run goes: each copy is what a crash would leave.
        var copies = new List<string>();
        using var stop = new CancellationTokenSource();
        var copier = Task.Run(async () =>
        {
            var last = "";
            while (!stop.IsCancellationRequested)
            {
                if (File.Exists(checkpoint))
                {
                    var text = await File.ReadAllTextAsync(checkpoint);
                    if (text != last)
                    {
                        last = text;
                        var copy = Path.Combine(temp.Path, $"crash-{copies.Count}.checkpoint");
                        await File.WriteAllTextAsync(copy, text);
                        copies.Add(copy);
                    }
                }

                await Task.Delay(1);
            }
        });
        var uninterrupted = await FakeHubSpotRuns.Builder(server, o => o.Limit = 50).WithCheckpoint(checkpoint).Build().RunAsync();
        await stop.CancelAsync();
        await copier;

        FakeHubSpotRuns.AssertSameCounts(await FakeHubSpotRuns.InMemoryAsync(import, 50), uninterrupted);
        Assert.True(copies.Count >= 3, $"only {copies.Count} checkpoints were caught");
        foreach (var copy in copies.Where((_, i) => i % Math.Max(1, copies.Count / 6) == 0))
        {
            var resumed = await FakeHubSpotRuns.Builder(server, o => o.Limit = 50).WithCheckpoint(copy).Build().RunAsync();
            AssertSameReport(uninterrupted, resumed);
        }
    }

    [Fact]
    public async Task CancelledRun_ResumesFromItsCheckpoint()
    {
        var import = FakeHubSpotRuns.Import(2_000);
        await using var server = await FakeHubSpotRuns.StartAsync(import, o => o.Faults.OnRequest(12, Fault.Hang()));
        using var temp = new TempDirectory();
        var checkpoint = Path.Combine(temp.Path, "run.checkpoint");
        using var cancel = new CancellationTokenSource();

        var run = FakeHubSpotRuns.Builder(server, o => o.Limit = 100).WithCheckpoint(checkpoint).Build().RunAsync(cancel.Token);
        while (server.Requests.Count < 13)
        {
            await Task.Delay(10);
        }

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.Contains("\"nextPageIndex\":11", await File.ReadAllTextAsync(checkpoint), StringComparison.Ordinal);

        var before = server.Requests.Count;
        var resumed = await FakeHubSpotRuns.Builder(server, o => o.Limit = 100).WithCheckpoint(checkpoint).Build().RunAsync();

        FakeHubSpotRuns.AssertSameCounts(await FakeHubSpotRuns.InMemoryAsync(import), resumed);
        Assert.Equal(1 + 9, server.Requests.Count - before);
    }

    [Fact]
    public async Task ResumedRunPastTheLimitOfNames_KeepsTheNamesTheInterruptedRunKept()
    {
        // Half the errors of types HubSpot does not document, of two kinds, and room for one: the run keeps the first it
        // meets. The resumed run must keep that one too, whichever its first page brings first.
        var import = new ImportErrorAnalytics.Testing.SyntheticImport(new ImportErrorAnalytics.Testing.SyntheticImportOptions { Seed = 5, Errors = 1_000, UnknownTypeRate = 0.5, Files = 2 });
        await using var server = await FakeHubSpotRuns.StartAsync(import, o => o.Faults.OnRequest(6, Fault.Hang()));
        using var temp = new TempDirectory();
        var checkpoint = Path.Combine(temp.Path, "run.checkpoint");
        using var cancel = new CancellationTokenSource();
        var run = Checkpointed(checkpoint).RunAsync(cancel.Token);
        while (server.Requests.Count < 7)
        {
            await Task.Delay(10);
        }

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        var resumed = await Checkpointed(checkpoint).RunAsync();

        var uninterrupted = await AnalyzerRuns.Builder([("memory", import.ToPageBytes(100), ImportErrorAnalytics.Parsing.InputFormat.Pages)], o => (o.MaxDistinctKeys, o.MaxDegreeOfParallelism) = (1, 1)).Build().RunAsync();
        Assert.Contains(uninterrupted.ErrorTypes, t => t.Other);
        FakeHubSpotRuns.AssertSameCounts(uninterrupted, resumed);

        ImportErrorAnalytics.Pipeline.ImportErrorAnalyzer Checkpointed(string path) =>
            FakeHubSpotRuns.Builder(server, o => o.Limit = 100).Configure(o => o.MaxDistinctKeys = 1).WithCheckpoint(path).Build();
    }

    [Fact]
    public async Task CompleteCheckpoint_GivesTheReportWithoutRequests()
    {
        await using var server = await FakeHubSpotRuns.StartAsync(FakeHubSpotRuns.Import(300));
        using var temp = new TempDirectory();
        var checkpoint = Path.Combine(temp.Path, "run.checkpoint");
        var first = await FakeHubSpotRuns.Builder(server).WithCheckpoint(checkpoint).Build().RunAsync();
        var requests = server.Requests.Count;

        var again = await FakeHubSpotRuns.Builder(server).WithCheckpoint(checkpoint).Build().RunAsync();

        Assert.Equal(requests, server.Requests.Count);
        AssertSameReport(first, again);
    }

    [Fact]
    public async Task CheckpointOfAnotherImport_IsRefused()
    {
        await using var server = await FakeHubSpotRuns.StartAsync(FakeHubSpotRuns.Import(300));
        using var temp = new TempDirectory();
        var checkpoint = Path.Combine(temp.Path, "run.checkpoint");
        await FakeHubSpotRuns.Builder(server).WithCheckpoint(checkpoint).Build().RunAsync();
        await File.WriteAllTextAsync(checkpoint, (await File.ReadAllTextAsync(checkpoint)).Replace(FakeHubSpotRuns.ImportId, "42", StringComparison.Ordinal));

        var error = await Assert.ThrowsAsync<CheckpointException>(() => FakeHubSpotRuns.Builder(server).WithCheckpoint(checkpoint).Build().RunAsync());
        Assert.Contains("import '42'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Checkpoint_OfOtherSensitivitySettingsOrAnOlderVersion_IsRefused()
    {
        await using var server = await FakeHubSpotRuns.StartAsync(FakeHubSpotRuns.Import(300));
        using var temp = new TempDirectory();
        var checkpoint = Path.Combine(temp.Path, "run.checkpoint");
        await FakeHubSpotRuns.Builder(server).WithCheckpoint(checkpoint).Build().RunAsync();

        var shown = await Assert.ThrowsAsync<CheckpointException>(
            () => FakeHubSpotRuns.Builder(server).WithCheckpoint(checkpoint).Configure(o => o.ShowStandardSensitivity = true).Build().RunAsync());
        Assert.Contains("showStandardSensitivity", shown.Message, StringComparison.Ordinal);

        // A version 1 checkpoint may hold values of standard sensitivity: it is not resumed.
        await File.WriteAllTextAsync(checkpoint, (await File.ReadAllTextAsync(checkpoint)).Replace("\"version\":2", "\"version\":1", StringComparison.Ordinal));
        var old = await Assert.ThrowsAsync<CheckpointException>(() => FakeHubSpotRuns.Builder(server).WithCheckpoint(checkpoint).Build().RunAsync());
        Assert.Contains("has version 1; this version of iea reads version 2", old.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DamagedCheckpoint_IsRefusedClearly()
    {
        await using var server = await FakeHubSpotRuns.StartAsync(FakeHubSpotRuns.Import(300));
        using var temp = new TempDirectory();
        var checkpoint = temp.File("run.checkpoint", "{\"version\":1,\"importId\":");

        var error = await Assert.ThrowsAsync<CheckpointException>(() => FakeHubSpotRuns.Builder(server).WithCheckpoint(checkpoint).Build().RunAsync());
        Assert.Contains("damaged", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Checkpoint_NeverHoldsTheToken()
    {
        await using var server = await FakeHubSpotRuns.StartAsync(FakeHubSpotRuns.Import(300));
        using var temp = new TempDirectory();
        var checkpoint = Path.Combine(temp.Path, "run.checkpoint");

        await FakeHubSpotRuns.Builder(server).WithCheckpoint(checkpoint).Build().RunAsync();

        Assert.DoesNotContain(server.AccessToken, await File.ReadAllTextAsync(checkpoint), StringComparison.Ordinal);
    }

    private static void AssertSameReport(ImportErrorReport expected, ImportErrorReport actual)
    {
        FakeHubSpotRuns.AssertSameCounts(expected, actual);
        Assert.Equal(expected.Totals.Bytes, actual.Totals.Bytes);
        Json.Equal(expected.Sources, actual.Sources);
    }
}
