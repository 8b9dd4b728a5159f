using System.Diagnostics;
using ImportErrorAnalytics.HubSpot;
using ImportErrorAnalytics.Telemetry;
using ImportErrorAnalytics.Testing.FakeHubSpot;
using ImportErrorAnalytics.Tests.Shared;
using ImportErrorAnalytics.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace ImportErrorAnalytics.Tests.Telemetry;

/// <summary>The HubSpot package's meter and activities against the fake HubSpot with injected faults.</summary>
[Slow(SlowKind.RealTime)]
public class HubSpotTelemetryTests
{
    [Fact]
    public async Task FaultyRun_CountsRetriesByCause_AndTheServersRateLimitWait_AndNestsRequestsUnderTheRun()
    {
        // A truncated body stands for a cut one: a connection reset can overtake the bytes before it, and the cause is
        // then "connection"; a body that parses short is "cut_body" every time.
        var import = FakeHubSpotRuns.Import(1_000);
        await using var server = await FakeHubSpotRuns.StartAsync(import, o => o.Faults
            .OnRequest(2, Fault.RateLimited(TimeSpan.FromMilliseconds(200)))
            .OnRequest(4, Fault.ServerError(503))
            .OnRequest(6, Fault.MalformedJson())
            .OnRequest(8, Fault.Hang()));

        using var capture = new TelemetryCapture();
        await using var analyzer = FakeHubSpotRuns.Builder(server, o => o.AttemptTimeout = TimeSpan.FromSeconds(1)).Build();
        var report = await analyzer.RunAsync();

        var retries = capture.Of(HubSpotMetrics.RetriesName);
        Assert.Equal(
            [HubSpotMetrics.CutBody, HubSpotMetrics.RateLimited, HubSpotMetrics.ServerError, HubSpotMetrics.Timeout],
            retries.Select(r => r.Tag(HubSpotMetrics.CauseTag)!).Order(StringComparer.Ordinal));
        Assert.Equal("429", retries.Single(r => r.Tag(HubSpotMetrics.CauseTag) == HubSpotMetrics.RateLimited).Tag(HubSpotMetrics.StatusCodeTag));
        Assert.Equal("503", retries.Single(r => r.Tag(HubSpotMetrics.CauseTag) == HubSpotMetrics.ServerError).Tag(HubSpotMetrics.StatusCodeTag));
        Assert.All(retries, r => Assert.Equal(1, r.Value));

        // The 429 asked for a wait (Retry-After, whole seconds: 1 s); the client's own limiter never made one wait.
        var wait = Assert.Single(capture.Of(HubSpotMetrics.RateLimitWaitName));
        Assert.Equal(HubSpotMetrics.Server, wait.Tag(HubSpotMetrics.SideTag));
        Assert.Equal(1.0, wait.Value, 3);

        // The pages the run counted are the report's, retried pages once.
        Assert.Equal(report.Totals.Pages, capture.Sum(RunTelemetry.PagesName));
        Assert.Equal(report.Totals.Errors, capture.Sum(RunTelemetry.ErrorsName));

        // One activity per request (the import's description, then each page), each under the run, each with its retries.
        var run = Assert.Single(capture.Named(RunTelemetry.RunActivityName));
        var requests = capture.From(HubSpotTelemetry.ActivitySourceName);
        Assert.Equal(1 + report.Totals.Pages, requests.Count);
        Assert.All(requests, request =>
        {
            Assert.Equal(run.SpanId, request.ParentSpanId);
            Assert.Equal(run.TraceId, request.TraceId);
            Assert.Equal(ActivityKind.Client, request.Kind);
            Assert.Equal(200, request.GetTagItem(HubSpotMetrics.StatusCodeTag));
            Assert.Equal("GET", request.GetTagItem("http.request.method"));
            Assert.Equal(ActivityStatusCode.Unset, request.Status);
        });
        Assert.Equal(4, requests.Sum(r => (int)r.GetTagItem(HubSpotMetrics.RetriesTag)!));
        Assert.Single(requests, r => (string?)r.GetTagItem("url.template") == "/crm/imports/2026-03/{importId}");
        Assert.Equal(report.Totals.Pages, requests.Count(r => (string?)r.GetTagItem("url.template") == "/crm/imports/2026-03/{importId}/errors"));
        Assert.Equal(4, requests.Sum(r => r.Events.Count(e => e.Name == "iea.hubspot.retry")));

        // HttpClient's own activities, one per attempt, sit under the request they try.
        var attempts = capture.From("System.Net.Http");
        Assert.Equal(requests.Count + 4, attempts.Count);
        var ids = requests.Select(r => r.SpanId).ToHashSet();
        Assert.All(attempts, attempt => Assert.Contains(attempt.ParentSpanId, ids));

        AssertNoSecret(capture, server.AccessToken);
    }

    [Fact]
    public async Task PermitThatIsNotFreeAtOnce_IsAClientSideRateLimitWait_OfTheTimeWaited()
    {
        var import = FakeHubSpotRuns.Import(300);
        await using var server = await FakeHubSpotRuns.StartAsync(import);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var limiter = new GatedRateLimiter();
        using var capture = new TelemetryCapture();
        await using var analyzer = FakeHubSpotRuns.Builder(server, o => o.RateLimiter = limiter).Configure(o => o.TimeProvider = time).Build();
        var run = analyzer.RunAsync();
        while (limiter.Asked == 0)
        {
            await Task.Delay(10);
        }

        time.Advance(TimeSpan.FromSeconds(30));
        limiter.Release();
        await run;

        var wait = Assert.Single(capture.Of(HubSpotMetrics.RateLimitWaitName));
        Assert.Equal((HubSpotMetrics.Client, 30.0), (wait.Tag(HubSpotMetrics.SideTag), wait.Value));
        Assert.Empty(capture.Of(HubSpotMetrics.RetriesName));
    }

    [Fact]
    public async Task CheckpointedRun_CountsOneCheckpointWritePerPage()
    {
        var import = FakeHubSpotRuns.Import(800);
        await using var server = await FakeHubSpotRuns.StartAsync(import, o => o.Faults.OnRequest(3, Fault.CutOff(0.5)));
        using var temp = new TempDirectory();
        using var capture = new TelemetryCapture();
        await using var analyzer = FakeHubSpotRuns.Builder(server).WithCheckpoint(Path.Combine(temp.Path, "run.checkpoint")).Build();
        var report = await analyzer.RunAsync();

        var writes = capture.Of(RunTelemetry.CheckpointWritesName);
        Assert.Equal(report.Totals.Pages, writes.Count);
        Assert.All(writes, w => Assert.Null(w.Tag(RunTelemetry.ErrorTypeTag)));
        Assert.True(Assert.Single(capture.Named(RunTelemetry.RunActivityName)).GetTagItem("iea.run.checkpointed") is true);
        AssertNoSecret(capture, server.AccessToken);
    }

    [Fact]
    public async Task RefusedRun_EndsTheRequestAndTheRunFailed_WithoutTheToken()
    {
        var import = FakeHubSpotRuns.Import(500);
        await using var server = await FakeHubSpotRuns.StartAsync(import, o => o.Faults.OnRequest(2, Fault.DailyLimit()));
        using var capture = new TelemetryCapture();
        await using var analyzer = FakeHubSpotRuns.Builder(server).Build();

        var error = await Assert.ThrowsAsync<HubSpotApiException>(() => analyzer.RunAsync());

        Assert.Equal(HubSpotFailure.DailyLimit, error.Failure);
        var failed = Assert.Single(capture.From(HubSpotTelemetry.ActivitySourceName), r => r.Status == ActivityStatusCode.Error);
        Assert.Equal((nameof(HubSpotFailure.DailyLimit), 429), (failed.GetTagItem(HubSpotMetrics.ErrorTypeTag), failed.GetTagItem(HubSpotMetrics.StatusCodeTag)));
        var duration = Assert.Single(capture.Of(RunTelemetry.DurationName));
        Assert.Equal(("failed", typeof(HubSpotApiException).FullName), (duration.Tag(RunTelemetry.OutcomeTag), duration.Tag(RunTelemetry.ErrorTypeTag)));
        Assert.Equal(ActivityStatusCode.Error, Assert.Single(capture.Named(RunTelemetry.RunActivityName)).Status);
        AssertNoSecret(capture, server.AccessToken);
    }

    [Fact]
    public async Task RunPerImport_NestsEachImportsRunUnderTheSet()
    {
        var imports = FakeHubSpotImports.Imports(300, 400, 200);
        await using var server = await FakeHubSpotImports.StartAsync(imports);
        using var capture = new TelemetryCapture();
        await using var analyzer = ImportErrorAnalytics.Pipeline.ImportErrorAnalyzer.CreateBuilder()
            .AddHubSpotImports(imports.Select(i => i.Id), FakeHubSpotImports.Options(server))
            .Build();
        var set = await analyzer.RunPerImportAsync();

        var parent = Assert.Single(capture.Named(RunTelemetry.ImportSetActivityName));
        var runs = capture.Named(RunTelemetry.RunActivityName);
        Assert.Equal(3, runs.Count);
        Assert.All(runs, run => Assert.Equal(parent.SpanId, run.ParentSpanId));
        Assert.Equal(set.Combined.Totals.Pages, capture.Sum(RunTelemetry.PagesName));
        AssertNoSecret(capture, server.AccessToken);
    }

    /// <summary>The token is in no measurement's tag and in no activity's name, tag, status, event or baggage.</summary>
    private static void AssertNoSecret(TelemetryCapture capture, string token)
    {
        Assert.NotEmpty(capture.Activities);
        Assert.DoesNotContain(capture.AllText(), text => text.Contains(token, StringComparison.Ordinal));
    }
}
