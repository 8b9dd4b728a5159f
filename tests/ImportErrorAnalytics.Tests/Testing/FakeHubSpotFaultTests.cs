using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using ImportErrorAnalytics.Testing.FakeHubSpot;
using static ImportErrorAnalytics.Tests.Testing.FakeHubSpotTestKit;

namespace ImportErrorAnalytics.Tests.Testing;

public class FakeHubSpotFaultTests
{
    private const string Errors = "/crm/imports/2026-03/" + ImportId + "/errors";

    [Fact]
    public async Task RateLimited_Is429TenSecondlyRolling_WithRemainingZeroAndRetryAfter()
    {
        await using var server = await StartAsync(configure: o => o.Faults.OnRequest(2, Fault.RateLimited(TimeSpan.FromSeconds(1.2))));
        using var client = Client(server);

        var (first, _, _) = await GetJsonAsync(client, Errors);
        var (status, response, body) = await GetJsonAsync(client, Errors);
        var (third, _, _) = await GetJsonAsync(client, Errors);

        Assert.Equal((200, 429, 200), (first, status, third));
        Assert.Equal("error", body.GetProperty("status").GetString());
        Assert.Equal("You have reached your ten_secondly_rolling limit.", body.GetProperty("message").GetString());
        Assert.Equal("RATE_LIMIT", body.GetProperty("errorType").GetString());
        Assert.Equal("TEN_SECONDLY_ROLLING", body.GetProperty("policyName").GetString());
        Assert.True(Guid.TryParse(body.GetProperty("correlationId").GetString(), out _));
        Assert.Equal("0", Header(response, "X-HubSpot-RateLimit-Remaining"));
        Assert.Equal("10000", Header(response, "X-HubSpot-RateLimit-Interval-Milliseconds"));
        Assert.Equal(TimeSpan.FromSeconds(2), response.Headers.RetryAfter!.Delta);
        Assert.Equal(FaultKind.RateLimited, server.Requests.Snapshot()[1].Fault!.Kind);
    }

    [Fact]
    public async Task RateLimitedBurst_WithoutRetryAfter_HitsEachNumberedRequest()
    {
        await using var server = await StartAsync(configure: o => o.Faults.OnRequests([1, 2, 3], Fault.RateLimited()));
        using var client = Client(server);

        var statuses = new List<int>();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 4; i++)
        {
            var response = await client.GetAsync(Errors);
            limited ??= response;
            statuses.Add((int)response.StatusCode);
        }

        Assert.Equal([429, 429, 429, 200], statuses);
        Assert.Null(limited!.Headers.RetryAfter);
    }

    [Fact]
    public async Task DailyLimit_Is429Daily_WithDailyRemainingZero()
    {
        await using var server = await StartAsync(configure: o => o.Faults.OnRequest(1, Fault.DailyLimit()));
        using var client = Client(server);

        var (status, response, body) = await GetJsonAsync(client, Errors);

        Assert.Equal(429, status);
        Assert.Equal("DAILY", body.GetProperty("policyName").GetString());
        Assert.Equal("RATE_LIMIT", body.GetProperty("errorType").GetString());
        Assert.Contains("daily", body.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("0", Header(response, "X-HubSpot-RateLimit-Daily-Remaining"));
    }

    [Theory]
    [InlineData(500, "INTERNAL_ERROR")]
    [InlineData(502, "BAD_GATEWAY")]
    [InlineData(503, "SERVICE_UNAVAILABLE")]
    [InlineData(504, "GATEWAY_TIMEOUT")]
    public async Task ServerError_HasTheStatusAndAnErrorBody(int code, string category)
    {
        await using var server = await StartAsync(configure: o => o.Faults.OnRequest(1, Fault.ServerError(code)));
        using var client = Client(server);

        var (status, response, body) = await GetJsonAsync(client, Errors);

        Assert.Equal(code, status);
        Assert.Equal("error", body.GetProperty("status").GetString());
        Assert.Equal(category, body.GetProperty("category").GetString());
        Header(response, "X-HubSpot-RateLimit-Remaining");
    }

    [Fact]
    public async Task ServerError_CanBeAnHtmlGatewayPage()
    {
        await using var server = await StartAsync(configure: o => o.Faults.OnRequest(1, Fault.ServerError(502, htmlBody: true)));
        using var client = Client(server);

        var response = await client.GetAsync(Errors);

        Assert.Equal(502, (int)response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("<!DOCTYPE html>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LockedAndMigration_Are423And477_WithRetryAfter()
    {
        await using var server = await StartAsync(configure: o => o.Faults
            .OnRequest(1, Fault.Locked(TimeSpan.FromSeconds(2)))
            .OnRequest(2, Fault.MigrationInProgress()));
        using var client = Client(server);

        var (locked, lockedResponse, lockedBody) = await GetJsonAsync(client, Errors);
        var (migrating, migratingResponse, migratingBody) = await GetJsonAsync(client, Errors);

        Assert.Equal((423, 477), (locked, migrating));
        Assert.Equal(TimeSpan.FromSeconds(2), lockedResponse.Headers.RetryAfter!.Delta);
        Assert.Equal(TimeSpan.FromSeconds(1), migratingResponse.Headers.RetryAfter!.Delta);
        Assert.Equal("error", lockedBody.GetProperty("status").GetString());
        Assert.Equal("MIGRATION_IN_PROGRESS", migratingBody.GetProperty("category").GetString());
    }

    [Fact]
    public async Task SlowDrip_ArrivesInPieces_AndWhole_OnlyAsTheServersClockMoves()
    {
        // The pauses are the server's TimeProvider's: on a fake clock the body cannot be whole before the clock has
        // moved one pause per chunk after the first, however fast or slow this machine is.
        var clock = new FakeTimeProvider();
        await using var server = await StartAsync(configure: o =>
        {
            o.TimeProvider = clock;
            o.Faults.OnRequest(2, Fault.SlowDrip(chunkSize: 100, TimeSpan.FromMilliseconds(30)), FaultTarget.Import);
        });
        using var client = Client(server);
        var path = "/crm/imports/2026-03/" + ImportId;
        var expected = await client.GetByteArrayAsync(path);
        var chunks = (expected.Length + 99) / 100;
        Assert.True(chunks >= 4, $"The import object is only {expected.Length} bytes.");

        var received = new MemoryStream();
        var reads = 0;
        var reading = Task.Run(async () =>
        {
            using var response = await client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
            await using var stream = await response.Content.ReadAsStreamAsync();
            var buffer = new byte[8192];
            int n;
            while ((n = await stream.ReadAsync(buffer)) > 0)
            {
                reads++;
                received.Write(buffer, 0, n);
            }
        });
        var advanced = await AdvanceUntilAsync(clock, reading, TimeSpan.FromMilliseconds(5));

        Assert.Equal(expected, received.ToArray());
        Assert.True(reads >= chunks / 2, $"{reads} reads for {chunks} chunks");
        Assert.True(advanced >= TimeSpan.FromMilliseconds(30 * (chunks - 1)), $"the body was whole after the clock moved {advanced} for {chunks} chunks");
        Assert.True(server.Requests.Snapshot()[1].Succeeded);
    }

    [Fact]
    public async Task CutOff_SendsHeadersAndPartOfThePage_ThenTheClientFailsWhileReading()
    {
        await using var server = await StartAsync(configure: o => o.Faults.OnRequest(1, Fault.CutOff(0.5)));
        using var client = Client(server);

        using var response = await client.GetAsync(Errors, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(200, (int)response.StatusCode);
        var length = response.Content.Headers.ContentLength;
        var error = await Record.ExceptionAsync(async () =>
        {
            await using var stream = await response.Content.ReadAsStreamAsync();
            await stream.CopyToAsync(Stream.Null);
        });

        Assert.True(length > 1000, $"Content-Length {length}");
        Assert.True(error is IOException or HttpRequestException, $"Got {error?.GetType().Name ?? "no exception"}");
        await WaitForAsync(() => server.Requests.Snapshot()[0].Finished is not null);
        var entry = server.Requests.Snapshot()[0];
        Assert.Equal((200, false, false), (entry.StatusCode, entry.Completed, entry.Succeeded));
        Assert.Equal(FaultKind.CutOff, entry.Fault!.Kind);
    }

    [Fact]
    public async Task CutOff_ThenRetry_ServesThePage()
    {
        await using var server = await StartAsync(configure: o => o.Faults.OnRequest(1, Fault.CutOff(0.3)));
        using var client = Client(server);

        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(Errors));
        var (status, _, body) = await GetJsonAsync(client, Errors);

        Assert.Equal(200, status);
        Assert.Equal(100, body.GetProperty("results").GetArrayLength());
        Assert.Empty(server.Requests.UnservedCursors(ImportId));
    }

    [Theory]
    [InlineData(MalformedJsonKind.Truncated)]
    [InlineData(MalformedJsonKind.Corrupted)]
    [InlineData(MalformedJsonKind.NotJson)]
    public async Task MalformedJson_Is200WithABodyThatDoesNotParse(MalformedJsonKind kind)
    {
        await using var server = await StartAsync(configure: o => o.Faults.OnRequest(1, Fault.MalformedJson(kind)));
        using var client = Client(server);

        var response = await client.GetAsync(Errors);
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.True(bytes.Length > 10);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(bytes));
        Assert.False(server.Requests.Snapshot()[0].Succeeded);
    }

    [Fact]
    public async Task Hang_OutlastsTheClientTimeout_AndIsLoggedUnfinished()
    {
        await using var server = await StartAsync(configure: o => o.Faults.OnRequest(1, Fault.Hang()));
        using var client = Client(server);
        client.Timeout = TimeSpan.FromMilliseconds(300);

        await Assert.ThrowsAsync<TaskCanceledException>(() => client.GetAsync(Errors));

        await WaitForAsync(() => server.Requests.Snapshot()[0].Finished is not null);
        var entry = server.Requests.Snapshot()[0];
        Assert.Equal((0, false), (entry.StatusCode, entry.Completed));
        Assert.Equal(200, (int)(await client.GetAsync(Errors)).StatusCode);
    }

    [Fact]
    public async Task Delay_AnswersNormally_OnlyAfterTheServersClockMovedTheDelay()
    {
        var clock = new FakeTimeProvider();
        await using var server = await StartAsync(configure: o =>
        {
            o.TimeProvider = clock;
            o.Faults.OnRequest(1, Fault.Delay(TimeSpan.FromMilliseconds(250)));
        });
        using var client = Client(server);

        var answer = GetJsonAsync(client, Errors);
        var advanced = await AdvanceUntilAsync(clock, answer, TimeSpan.FromMilliseconds(10));
        var (status, _, body) = await answer;

        Assert.Equal(200, status);
        Assert.True(advanced >= TimeSpan.FromMilliseconds(250), $"answered after the clock moved {advanced}");
        Assert.Equal(100, body.GetProperty("results").GetArrayLength());
        Assert.True(server.Requests.Snapshot()[0].Succeeded);
    }

    [Fact]
    public async Task Hang_IsAbortedWhenTheServerStops()
    {
        // Nothing but the server's stop can end the request: the hang has no end, the client no timeout. So the
        // request fails after, and because, the server stopped (a time limit here would only measure the machine).
        var server = await StartAsync(configure: o => o.Faults.OnRequest(1, Fault.Hang()));
        using var client = Client(server);
        client.Timeout = Timeout.InfiniteTimeSpan;
        var pending = client.GetAsync(Errors);
        await WaitForAsync(() => server.Requests.Count == 1);
        Assert.False(pending.IsCompleted);

        await server.DisposeAsync();

        await Assert.ThrowsAsync<HttpRequestException>(() => pending.WaitAsync(HangGuard));
    }

    [Fact]
    public async Task EmptyPage_HasNoResultsAndACursorToTheSamePlace()
    {
        var import = SmallImport(errors: 30);
        await using var server = await StartAsync(import, o => o.Faults.OnRequest(2, Fault.EmptyPage()));
        using var client = Client(server);

        var (results, cursors) = await WalkAsync(client, Errors, "limit=10");

        Assert.Equal(import.Generate().Select(Json).ToList(), results);
        Assert.Equal(4, cursors.Count);
        var entries = server.Requests.ErrorsRequests(ImportId);
        Assert.Equal([10, 0, 10, 10], entries.Select(e => e.ResultCount ?? -1));
        Assert.Equal(3, server.Requests.PagesServed(ImportId));
    }

    [Fact]
    public async Task FailNext_AddsFaultsWhileRunning_AndClearFaultsRemovesThem()
    {
        await using var server = await StartAsync();
        using var client = Client(server);
        await client.GetAsync(Errors);

        server.FailNext(Fault.ServerError(503), count: 2);
        var statuses = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((int)(await client.GetAsync(Errors)).StatusCode);
        }

        server.AddFault(new FaultRule(Fault.ServerError(500), probability: 1));
        statuses.Add((int)(await client.GetAsync(Errors)).StatusCode);
        server.ClearFaults();
        statuses.Add((int)(await client.GetAsync(Errors)).StatusCode);

        Assert.Equal([503, 503, 200, 500, 200], statuses);
    }

    [Fact]
    public async Task AnyRequestTarget_CountsEveryEndpoint_AndErrorsTargetCountsOnlyErrors()
    {
        await using var server = await StartAsync(configure: o => o.Faults
            .OnRequest(2, Fault.ServerError(502), FaultTarget.AnyRequest)
            .OnRequest(2, Fault.ServerError(504)));
        using var client = Client(server);

        var statuses = new List<int>();
        foreach (var path in new[] { "/crm/imports/2026-03/" + ImportId, Errors, Errors, Errors })
        {
            statuses.Add((int)(await client.GetAsync(path)).StatusCode);
        }

        // Request 2 overall is errors request 1; errors request 2 is request 3 overall.
        Assert.Equal([200, 502, 504, 200], statuses);
    }

    [Fact]
    public async Task RandomFaults_AreSeeded_SoASequentialClientSeesTheSameOnesEveryRun()
    {
        async Task<List<int>> RunAsync(int seed)
        {
            await using var server = await StartAsync(configure: o =>
            {
                o.Faults.Seed = seed;
                o.Faults.Randomly(0.3, Fault.ServerError(503));
                o.Faults.Randomly(0.2, Fault.RateLimited(), maxTimes: 2);
            });
            using var client = Client(server);
            var statuses = new List<int>();
            for (var i = 0; i < 40; i++)
            {
                statuses.Add((int)(await client.GetAsync(Errors + "?limit=1")).StatusCode);
            }

            return statuses;
        }

        var first = await RunAsync(11);
        var again = await RunAsync(11);
        var other = await RunAsync(12);

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.InRange(first.Count(s => s == 503), 4, 24);
        Assert.InRange(first.Count(s => s == 429), 0, 2);
        Assert.Contains(200, first);
    }

    [Fact]
    public async Task BurstLimit_Answers429PastTheBudget_UntilTheWindowMoves()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        await using var server = await StartAsync(configure: o => (o.BurstLimit, o.TimeProvider) = (5, clock));
        using var client = Client(server);

        var remaining = new List<string>();
        var statuses = new List<int>();
        for (var i = 0; i < 7; i++)
        {
            var response = await client.GetAsync(Errors + "?limit=1");
            statuses.Add((int)response.StatusCode);
            remaining.Add(Header(response, "X-HubSpot-RateLimit-Remaining"));
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        var (_, limited, body) = await GetJsonAsync(client, Errors);
        clock.Advance(TimeSpan.FromSeconds(3)); // 10 s after the first request
        var after = await client.GetAsync(Errors + "?limit=1");

        Assert.Equal([200, 200, 200, 200, 200, 429, 429], statuses);
        Assert.Equal(["4", "3", "2", "1", "0", "0", "0"], remaining);
        Assert.Equal("5", Header(limited, "X-HubSpot-RateLimit-Max"));
        Assert.Equal("TEN_SECONDLY_ROLLING", body.GetProperty("policyName").GetString());
        Assert.Equal(200, (int)after.StatusCode);
        Assert.True(server.Requests.Snapshot()[5].RefusedByRateLimit);
        Assert.Equal(8, server.Requests.MaxRequestsInWindow(TimeSpan.FromSeconds(10)));
        Assert.Equal(5, server.Requests.Snapshot().Where(e => e.Succeeded).Count(e => e.Timestamp < clock.GetUtcNow() - TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task DailyLimit_Answers429DailyWhenSpent_AndResetsTheNextUtcDay()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 3, 1, 23, 59, 0, TimeSpan.Zero));
        await using var server = await StartAsync(configure: o => (o.DailyLimit, o.TimeProvider) = (2, clock));
        using var client = Client(server);

        var statuses = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((int)(await client.GetAsync(Errors + "?limit=1")).StatusCode);
        }

        var (_, _, body) = await GetJsonAsync(client, Errors);
        clock.Advance(TimeSpan.FromMinutes(2));
        var nextDay = await client.GetAsync(Errors + "?limit=1");

        Assert.Equal([200, 200, 429], statuses);
        Assert.Equal("DAILY", body.GetProperty("policyName").GetString());
        Assert.Equal(200, (int)nextDay.StatusCode);
        Assert.Equal("1", Header(nextDay, "X-HubSpot-RateLimit-Daily-Remaining"));
    }

    /// <summary>How long a test waits for something that must happen before it calls it a hang: not a speed bound.</summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(2);

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var guard = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(guard.Elapsed < HangGuard, "Timed out waiting for the server.");
            await Task.Delay(10);
        }
    }

    /// <summary>
    /// Moves <paramref name="clock"/> on by <paramref name="step"/> until <paramref name="done"/> completes, yielding to
    /// the server between steps, and returns how far it moved: a lower bound on the server's waits, in its own time.
    /// </summary>
    private static async Task<TimeSpan> AdvanceUntilAsync(FakeTimeProvider clock, Task done, TimeSpan step)
    {
        var advanced = TimeSpan.Zero;
        var guard = Stopwatch.StartNew();
        while (!done.IsCompleted)
        {
            Assert.True(guard.Elapsed < HangGuard, $"Still waiting after the clock moved {advanced}.");
            clock.Advance(step);
            advanced += step;
            await Task.WhenAny(done, Task.Delay(2));
        }

        await done;
        return advanced;
    }
}
