using ImportErrorAnalytics.Tests.Shared;
using ImportErrorAnalytics.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace ImportErrorAnalytics.Tests.Sources;

/// <summary>Waiting for the rate limiter is not the attempt taking long: many imports on one budget wait long and rightly.</summary>
[Slow(SlowKind.RealTime)]
public class PermitWaitTests
{
    [Fact]
    public async Task PermitThatComesAfterTheAttemptTimeout_NeitherTimesTheAttemptOutNorCostsARetry()
    {
        var import = FakeHubSpotRuns.Import(500);
        await using var server = await FakeHubSpotRuns.StartAsync(import);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var limiter = new GatedRateLimiter();
        var run = FakeHubSpotRuns.Builder(server, o =>
            {
                o.RateLimiter = limiter;
                o.AttemptTimeout = TimeSpan.FromSeconds(5);
                o.BaseDelay = TimeSpan.Zero;
            })
            .Configure(o => o.TimeProvider = time)
            .Build()
            .RunAsync();

        while (limiter.Asked == 0)
        {
            await Task.Delay(10);
        }

        time.Advance(TimeSpan.FromSeconds(30));
        limiter.Release();
        var report = await run;

        FakeHubSpotRuns.AssertSameCounts(await FakeHubSpotRuns.InMemoryAsync(import), report);
        Assert.Equal(server.Requests.Count, limiter.Asked);
        Assert.Equal(1 + 5, server.Requests.Count);
    }
}
