using System.Net;
using ImportErrorAnalytics.Parsing;
using ImportErrorAnalytics.HubSpot;
using ImportErrorAnalytics.Model;
using ImportErrorAnalytics.Testing.FakeHubSpot;
using ImportErrorAnalytics.Tests.Shared;
using ImportErrorAnalytics.Tests.Support;

namespace ImportErrorAnalytics.Tests.Sources;

/// <summary>The real HTTP client against the fake HubSpot over loopback sockets.</summary>
[Slow(SlowKind.RealTime)]
public class HubSpotSourceTests
{
    public static TheoryData<string> FaultKinds => ["429", "429-no-retry-after", "500", "502", "503", "504", "423", "477", "cut", "drip", "malformed", "html-503", "delay"];

    private static Fault FaultOf(string kind) => kind switch
    {
        "429" => Fault.RateLimited(TimeSpan.FromMilliseconds(200)),
        "429-no-retry-after" => Fault.RateLimited(),
        "500" or "502" or "503" or "504" => Fault.ServerError(int.Parse(kind, System.Globalization.CultureInfo.InvariantCulture)),
        "html-503" => Fault.ServerError(503, htmlBody: true),
        "423" => Fault.Locked(TimeSpan.FromMilliseconds(100)),
        "477" => Fault.MigrationInProgress(TimeSpan.FromMilliseconds(100)),
        "cut" => Fault.CutOff(0.3),
        "drip" => Fault.SlowDrip(512, TimeSpan.FromMilliseconds(1)),
        "malformed" => Fault.MalformedJson(),
        "delay" => Fault.Delay(TimeSpan.FromSeconds(3)),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    [Fact]
    public async Task FaultFree_GivesTheInMemoryReportAndTheImportSection()
    {
        var import = FakeHubSpotRuns.Import();
        await using var server = await FakeHubSpotRuns.StartAsync(import);

        var report = await FakeHubSpotRuns.Builder(server).Build().RunAsync();

        FakeHubSpotRuns.AssertSameCounts(await FakeHubSpotRuns.InMemoryAsync(import), report);
        var source = Assert.Single(report.Sources);
        Assert.Equal((FakeHubSpotRuns.ImportId, "DONE", 6_000L), (source.ImportId, source.State, source.TotalRows));
        Assert.Equal(0.5, source.ErrorRate);
        Assert.Empty(source.Warnings);
        Assert.Equal(30, server.Requests.PagesServed(FakeHubSpotRuns.ImportId));
    }

    [Theory]
    [MemberData(nameof(FaultKinds))]
    public async Task EachFault_AloneGivesTheFaultFreeReport(string kind)
    {
        var import = FakeHubSpotRuns.Import(1_000);
        await using var server = await FakeHubSpotRuns.StartAsync(import, o => o.Faults.OnRequests([2, 5, 9], FaultOf(kind)));

        var report = await FakeHubSpotRuns.Builder(server, o => o.AttemptTimeout = TimeSpan.FromSeconds(2)).Build().RunAsync();

        FakeHubSpotRuns.AssertSameCounts(await FakeHubSpotRuns.InMemoryAsync(import), report);
        Assert.Empty(server.Requests.UnservedCursors(FakeHubSpotRuns.ImportId));
    }

    [Fact]
    public async Task MixedRandomFaults_GiveTheFaultFreeReport()
    {
        var import = FakeHubSpotRuns.Import(4_000);
        await using var server = await FakeHubSpotRuns.StartAsync(import, o =>
        {
            o.Faults.Seed = 7;
            o.Faults.Randomly(0.08, Fault.ServerError(503));
            o.Faults.Randomly(0.08, Fault.CutOff(0.6));
            o.Faults.Randomly(0.08, Fault.RateLimited(TimeSpan.FromMilliseconds(50)));
            o.Faults.Randomly(0.05, Fault.MalformedJson());
            o.Faults.Randomly(0.05, Fault.SlowDrip(2048, TimeSpan.FromMilliseconds(1)));
        });

        var report = await FakeHubSpotRuns.Builder(server, o => o.MaxRetries = 20).Build().RunAsync();

        FakeHubSpotRuns.AssertSameCounts(await FakeHubSpotRuns.InMemoryAsync(import), report);
        Assert.True(server.Requests.Count > 41, "faults were injected and retried");
    }

    [Fact]
    public async Task V3Path_Works()
    {
        var import = FakeHubSpotRuns.Import(500);
        await using var server = await FakeHubSpotRuns.StartAsync(import);

        var report = await FakeHubSpotRuns.Builder(server, o => o.ApiVersion = HubSpotApiVersion.V3).Build().RunAsync();

        Assert.Equal(500, report.Totals.Errors);
        Assert.All(server.Requests.Snapshot(), r => Assert.StartsWith("/crm/v3/imports", r.Path, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ImportNotDone_IsWarnedAbout()
    {
        await using var server = await FakeHubSpotRuns.StartAsync(FakeHubSpotRuns.Import(100), state: "PROCESSING");

        var report = await FakeHubSpotRuns.Builder(server).Build().RunAsync();

        Assert.Contains("not DONE", Assert.Single(Assert.Single(report.Sources).Warnings), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("wrong-token", HubSpotFailure.Unauthorized, HttpStatusCode.Unauthorized)]
    [InlineData(FakeHubSpotOptions.DefaultTokenWithoutScope, HubSpotFailure.Forbidden, HttpStatusCode.Forbidden)]
    public async Task AuthFailures_AreNotRetriedAndNeverShowTheToken(string token, HubSpotFailure failure, HttpStatusCode status)
    {
        await using var server = await FakeHubSpotRuns.StartAsync(FakeHubSpotRuns.Import(100));

        var error = await Assert.ThrowsAsync<HubSpotApiException>(() => FakeHubSpotRuns.Builder(server, token: token).Build().RunAsync());

        Assert.Equal((failure, status), (error.Failure, error.StatusCode));
        Assert.Equal(1, server.Requests.Count);
        Assert.DoesNotContain(token, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownImport_IsNotFound()
    {
        await using var server = await FakeHubSpotRuns.StartAsync(FakeHubSpotRuns.Import(100));

        var error = await Assert.ThrowsAsync<HubSpotApiException>(() => FakeHubSpotRuns.Builder(server, o => o.ImportId = "999").Build().RunAsync());

        Assert.Equal(HubSpotFailure.NotFound, error.Failure);
        Assert.Contains("999", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DailyLimit_StopsAtOnceAndSaysWhenItResets()
    {
        await using var server = await FakeHubSpotRuns.StartAsync(FakeHubSpotRuns.Import(500), o => o.Faults.OnRequest(3, Fault.DailyLimit()));

        var error = await Assert.ThrowsAsync<HubSpotApiException>(() => FakeHubSpotRuns.Builder(server).Build().RunAsync());

        Assert.Equal(HubSpotFailure.DailyLimit, error.Failure);
        Assert.NotNull(error.ResetsAt);
        Assert.Contains("daily", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(4, server.Requests.Count);
    }

    [Fact]
    public async Task PersistentServerErrors_ExhaustTheRetries()
    {
        await using var server = await FakeHubSpotRuns.StartAsync(FakeHubSpotRuns.Import(300), o => o.Faults.Randomly(1.0, Fault.ServerError(503)));

        var error = await Assert.ThrowsAsync<HubSpotApiException>(() => FakeHubSpotRuns.Builder(server, o => o.MaxRetries = 2).Build().RunAsync());

        Assert.Equal(HubSpotFailure.RetriesExhausted, error.Failure);
        Assert.Equal(1 + 3, server.Requests.Count);
    }

    [Fact]
    public async Task PersistentRateLimiting_IsBoundedByTotalWaitNotByCount()
    {
        await using var server = await FakeHubSpotRuns.StartAsync(FakeHubSpotRuns.Import(300), o => o.Faults.Randomly(1.0, Fault.RateLimited(TimeSpan.FromMilliseconds(100)), FaultTarget.AnyRequest));

        var error = await Assert.ThrowsAsync<HubSpotApiException>(() =>
            FakeHubSpotRuns.Builder(server, o => { o.MaxRetries = 1; o.MaxRateLimitWait = TimeSpan.FromSeconds(3); }).Build().RunAsync());

        // Retry-After has whole seconds: 3 s of waiting allows 3 retries, far more than MaxRetries = 1.
        Assert.Equal(HubSpotFailure.RateLimitExhausted, error.Failure);
        Assert.Equal(4, server.Requests.Count);
    }

    [Fact]
    public async Task PersistentlyMalformedPage_IsAFormatErrorNamingTheUrlAndPage()
    {
        await using var server = await FakeHubSpotRuns.StartAsync(FakeHubSpotRuns.Import(300), o => o.Faults.Randomly(1.0, Fault.MalformedJson()));

        var error = await Assert.ThrowsAsync<ImportErrorFormatException>(() => FakeHubSpotRuns.Builder(server, o => o.MaxRetries = 1).Build().RunAsync());

        Assert.Contains("/errors", error.SourceName, StringComparison.Ordinal);
        Assert.Equal(1, error.PageNumber);
    }

    [Fact]
    public async Task RateLimiter_KeepsTheClientInsideItsBurstBudget()
    {
        await using var server = await FakeHubSpotRuns.StartAsync(FakeHubSpotRuns.Import(700), o => o.BurstLimit = 6);

        var report = await FakeHubSpotRuns.Builder(server, o => o.RequestsPerTenSeconds = 6).Build().RunAsync();

        Assert.Equal(700, report.Totals.Errors);
        Assert.True(server.Requests.MaxRequestsInWindow(TimeSpan.FromSeconds(10)) <= 6);
        Assert.DoesNotContain(server.Requests.Snapshot(), r => r.StatusCode == 429);
    }
}
