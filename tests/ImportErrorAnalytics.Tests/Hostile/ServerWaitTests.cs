using System.Net;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ImportErrorAnalytics.Reporting;
using ImportErrorAnalytics.HubSpot;
using ImportErrorAnalytics.Model;
using ImportErrorAnalytics.Testing.FakeHubSpot;
using ImportErrorAnalytics.Tests.Shared;
using ImportErrorAnalytics.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace ImportErrorAnalytics.Tests.Hostile;

/// <summary>
/// Issue 12, section 3: every wait a response asks for in a header is cut to
/// <see cref="HubSpotSourceOptions.MaxServerWait"/>, whatever the status, counts against the request's total wait
/// budget, and no header value throws. Before, <c>Retry-After: 999999999</c> on a 503 ended in exit 2 (a timer
/// exception) and <c>86400</c> waited a day, eight times. The client and the fake server share a fake clock, moved
/// on only while the client waits, so the server's log shows each wait to within a second.
/// </summary>
[Slow(SlowKind.RealTime)]
public class ServerWaitTests
{
    private static readonly TimeSpan Cap = TimeSpan.FromSeconds(10);

    /// <summary>The hostile <c>Retry-After</c> values, and the wait each must give (for statuses other than 429 and 423).</summary>
    public static TheoryData<string, string> RetryAfterValues => new()
    {
        { "999999999", "cap" },
        { "99999999999999999999999999", "cap" },
        { "Fri, 31 Dec 9999 23:59:59 GMT", "cap" },
        { "4", "4" },
        { "-5", "backoff" },
        { "garbage", "backoff" },
        { "1.5", "backoff" },
        { "Mon, 01 Jan 2001 00:00:00 GMT", "backoff" },
        { "", "backoff" },
    };

    [Theory]
    [MemberData(nameof(RetryAfterValues))]
    public async Task RetryAfter_OnEveryRetriedStatus_IsCutToTheCap_OrIgnoredWhenItIsNoWait(string value, string expected)
    {
        var import = FakeHubSpotRuns.Import(1_000);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));
        Fault[] faults =
        [
            Fault.RateLimited().WithHeader("Retry-After", value),
            Fault.Locked().WithHeader("Retry-After", value),
            Fault.MigrationInProgress().WithHeader("Retry-After", value),
            Fault.ServerError(500).WithHeader("Retry-After", value),
            Fault.ServerError(503).WithHeader("Retry-After", value),
        ];
        await using var server = await FakeHubSpotRuns.StartAsync(import, o =>
        {
            o.TimeProvider = time;
            for (var i = 0; i < faults.Length; i++)
            {
                o.Faults.OnRequest(2 + i, faults[i]);
            }
        });

        var report = await RunAsync(server, time, o => o.MaxServerWait = Cap);

        FakeHubSpotRuns.AssertSameCounts(await FakeHubSpotRuns.InMemoryAsync(import), report);
        var waits = Waits(server);
        var wait = expected switch
        {
            "cap" => Cap,
            "backoff" => TimeSpan.Zero,
            _ => TimeSpan.FromSeconds(int.Parse(expected, System.Globalization.CultureInfo.InvariantCulture)),
        };

        // 429 without a usable Retry-After waits what X-HubSpot-RateLimit-Interval-Milliseconds says (10 s, the fake's window); 423 at least 2 s.
        AssertWait(expected == "backoff" ? Cap : wait, waits[429]);
        AssertWait(wait < TimeSpan.FromSeconds(2) ? TimeSpan.FromSeconds(2) : wait, waits[423]);
        AssertWait(wait, waits[477]);
        AssertWait(wait, waits[500]);
        AssertWait(wait, waits[503]);
    }

    [Theory]
    [InlineData("999999999999999999999999", 10)]
    [InlineData("86400000", 10)]
    [InlineData("3000", 3)]
    [InlineData("-1", 0)]
    [InlineData("0", 0)]
    [InlineData("lots", 0)]
    public async Task IntervalHeader_IsCutToTheCap(string value, int seconds)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));
        await using var server = await FakeHubSpotRuns.StartAsync(FakeHubSpotRuns.Import(300), o =>
        {
            o.TimeProvider = time;
            o.Faults.OnRequest(2, Fault.RateLimited().WithHeader("X-HubSpot-RateLimit-Interval-Milliseconds", value));
        });

        var report = await RunAsync(server, time, o => o.MaxServerWait = Cap);

        Assert.Equal(300, report.Totals.Errors);
        AssertWait(TimeSpan.FromSeconds(seconds), Waits(server)[429]);
    }

    [Fact]
    public async Task ADay_IsCutToTheDefaultMinute()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));
        await using var server = await FakeHubSpotRuns.StartAsync(FakeHubSpotRuns.Import(300), o =>
        {
            o.TimeProvider = time;
            o.Faults.OnRequest(2, Fault.ServerError(503).WithHeader("Retry-After", "86400"));
        });

        var report = await RunAsync(server, time);

        Assert.Equal(300, report.Totals.Errors);
        AssertWait(TimeSpan.FromSeconds(60), Waits(server)[503]);
    }

    [Theory]
    [InlineData(503, HubSpotFailure.RetriesExhausted)]
    [InlineData(429, HubSpotFailure.RateLimitExhausted)]
    public async Task WaitsForEveryStatus_CountAgainstOneTotalBudget(int status, HubSpotFailure failure)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));
        var fault = status == 429 ? Fault.RateLimited() : Fault.ServerError(status);
        await using var server = await FakeHubSpotRuns.StartAsync(FakeHubSpotRuns.Import(300), o =>
        {
            o.TimeProvider = time;
            o.Faults.Randomly(1.0, fault.WithHeader("Retry-After", "999999999"));
        });
        var started = time.GetUtcNow();

        var error = await Assert.ThrowsAsync<HubSpotApiException>(() => RunAsync(server, time, o => o.MaxRateLimitWait = TimeSpan.FromMinutes(3)));

        // Three minute-long waits fill the three minutes; a fourth would not fit, whatever the count of retries left.
        Assert.Equal(failure, error.Failure);
        Assert.Contains("180 s", error.Message, StringComparison.Ordinal);
        Assert.Equal(1 + 4, server.Requests.Count);
        Assert.InRange(time.GetUtcNow() - started, TimeSpan.FromSeconds(180), TimeSpan.FromSeconds(190));
    }

    [Property(MaxTest = 500)]
    public Property ServerWait_OfAnyHeaderValue_NeverThrowsAndNeverExceedsTheCap() =>
        Prop.ForAll(HeaderValues(), value =>
        {
            using var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
            response.Headers.TryAddWithoutValidation(ServerWait.RetryAfterHeader, value);
            response.Headers.TryAddWithoutValidation(ServerWait.IntervalHeader, value);
            var now = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

            foreach (var wait in new[] { ServerWait.RetryAfter(response, now, Cap), ServerWait.Interval(response, Cap) })
            {
                if (wait is { } asked)
                {
                    Assert.InRange(asked.Wait, TimeSpan.Zero, Cap);
                    if (asked.Note is not null)
                    {
                        Assert.Equal(Cap, asked.Wait);
                    }
                }
            }
        });

    [Fact]
    public void ServerWait_SaysWhatItCut()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        response.Headers.TryAddWithoutValidation(ServerWait.RetryAfterHeader, "999999999");

        var wait = ServerWait.RetryAfter(response, DateTimeOffset.UnixEpoch, TimeSpan.FromSeconds(60));

        Assert.Equal(new ServerWait(TimeSpan.FromSeconds(60), "Retry-After '999999999' is cut to 60 s"), wait);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(3601)]
    public void MaxServerWait_OutsideZeroToAnHour_IsRefusedAtBuild(int seconds) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ImportErrorAnalytics.Pipeline.ImportErrorAnalyzer.CreateBuilder()
            .AddHubSpotImport(o =>
            {
                o.ImportId = "1";
                o.AccessToken = HubSpotAccessToken.From("pat-na1-00000000-0000-4000-8000-000000000000");
                o.MaxServerWait = TimeSpan.FromSeconds(seconds);
            })
            .Build());

    /// <summary>Digits of any length, signs, fractions, dates, whitespace and junk.</summary>
    private static Arbitrary<string> HeaderValues() => Arb.From(Gen.OneOf(
        Gen.Elements('0', '1', '9', '-', '+', '.', ' ', 'e', 'x', ',').ArrayOf().Select(c => new string(c)),
        Gen.Choose(0, int.MaxValue).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture) + new string('9', n % 30)),
        Gen.Choose(-1_000_000, 1_000_000).Select(days => DateTimeOffset.UnixEpoch.AddDays(Math.Abs(days) % 2_900_000).ToString("r", System.Globalization.CultureInfo.InvariantCulture)),
        Gen.Elements("Fri, 31 Dec 9999 23:59:59 GMT", "Mon, 01 Jan 0001 00:00:00 GMT", "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994", "\u00e9\u00e9", "NaN", "Infinity", "0x10")));

    /// <summary>Runs the import while moving the clock on a second at a time whenever no request is in flight.</summary>
    private static async Task<ImportErrorReport> RunAsync(FakeHubSpotServer server, FakeTimeProvider time, Action<HubSpotSourceOptions>? configure = null)
    {
        var run = Task.Run(() => FakeHubSpotRuns.Builder(server, o =>
            {
                o.AttemptTimeout = TimeSpan.FromHours(1);
                configure?.Invoke(o);
            })
            .Configure(o => o.TimeProvider = time)
            .Build()
            .RunAsync());

        var seen = -1;
        for (var step = 0; !run.IsCompleted; step++)
        {
            Assert.True(step < 20_000, "the run did not finish");
            await Task.WhenAny(run, Task.Delay(15));
            var requests = server.Requests.Snapshot();
            if (requests.Count == seen && requests.All(r => r.Finished is not null))
            {
                time.Advance(TimeSpan.FromSeconds(1));
            }

            seen = requests.Count;
        }

        return await run;
    }

    /// <summary>For each status a fault answered with: the time from that answer to the next request, by the shared clock.</summary>
    private static Dictionary<int, TimeSpan> Waits(FakeHubSpotServer server)
    {
        var requests = server.Requests.Snapshot();
        var waits = new Dictionary<int, TimeSpan>();
        for (var i = 0; i + 1 < requests.Count; i++)
        {
            if (requests[i].Fault is { } fault && requests[i].StatusCode == fault.StatusCode && fault.StatusCode != 200)
            {
                waits[fault.StatusCode] = requests[i + 1].Timestamp - requests[i].Finished!.Value;
            }
        }

        return waits;
    }

    /// <summary>
    /// The clock moves a second at a time while the client is quiet: a wait shows as itself to a few seconds more (on a
    /// loaded machine the client can stay quiet for several ticks after its wait). Every cap and every ignored header
    /// still differs from the wait it guards against by far more (a day against 10 s, 10 s against none).
    /// </summary>
    private static void AssertWait(TimeSpan expected, TimeSpan actual) =>
        Assert.InRange(actual, expected, expected + TimeSpan.FromSeconds(6));
}
