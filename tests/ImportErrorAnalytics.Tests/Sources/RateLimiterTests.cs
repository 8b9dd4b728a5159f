using ImportErrorAnalytics.HubSpot;
using ImportErrorAnalytics.Model;
using Microsoft.Extensions.Time.Testing;

namespace ImportErrorAnalytics.Tests.Sources;

public class RateLimiterTests
{
    [Fact]
    public async Task Limiter_AllowsTheBudgetPerRollingTenSecondsOnItsClock()
    {
        var time = new FakeTimeProvider();
        using var limiter = HubSpotRateLimiters.Create(3, time);

        for (var i = 0; i < 3; i++)
        {
            using var granted = await limiter.AcquireAsync(1);
            Assert.True(granted.IsAcquired);
        }

        var fourth = limiter.AcquireAsync(1).AsTask();
        for (var second = 0; second < 9; second++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
        }

        await Task.Delay(50);
        Assert.False(fourth.IsCompleted);

        time.Advance(TimeSpan.FromSeconds(1.25));
        using var late = await fourth.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(late.IsAcquired);
    }

    [Fact]
    public async Task APermitCounts_UntilItsLeaseIsDisposed_NotFromItsGrant()
    {
        // HubSpot counts a request when it arrives, which may be well after the grant (a cold connection): the permit
        // two grants back frees the window only a window after its lease is disposed.
        var time = new FakeTimeProvider();
        using var limiter = HubSpotRateLimiters.Create(2, time);
        var slow = await limiter.AcquireAsync(1);
        (await limiter.AcquireAsync(1)).Dispose();
        time.Advance(TimeSpan.FromSeconds(0.5));
        slow.Dispose();

        var third = limiter.AcquireAsync(1).AsTask();
        time.Advance(TimeSpan.FromSeconds(10));
        await Task.Delay(50);
        Assert.False(third.IsCompleted);

        time.Advance(TimeSpan.FromSeconds(0.25));
        using var granted = await third.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(granted.IsAcquired);
    }

    [Fact]
    public async Task APermitInFlight_HoldsTheNextGrant_HoweverLongItTakes()
    {
        var time = new FakeTimeProvider();
        using var limiter = HubSpotRateLimiters.Create(1, time);
        var inFlight = await limiter.AcquireAsync(1);

        var next = limiter.AcquireAsync(1).AsTask();
        time.Advance(TimeSpan.FromSeconds(60));
        await Task.Delay(50);
        Assert.False(next.IsCompleted);
        inFlight.Dispose();
        inFlight.Dispose();
        await Task.Delay(50);
        Assert.False(next.IsCompleted);

        time.Advance(TimeSpan.FromSeconds(10.25));
        using var granted = await next.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(granted.IsAcquired);
    }

    [Fact]
    public void SameAddressTokenAndClock_ShareOneLimiterOfOneRegistry()
    {
        var token = HubSpotAccessToken.From("pat-na1-00000000-0000-0000-0000-000000000000");
        var options = new HubSpotSourceOptions { ImportId = "1", BaseAddress = new Uri("http://127.0.0.1:1/"), RequestsPerTenSeconds = 7 };

        using var limiters = new HubSpotRateLimiters();
        var first = limiters.For(options, token, TimeProvider.System);
        var second = limiters.For(options, token, TimeProvider.System);
        var other = limiters.For(options, HubSpotAccessToken.From("pat-na1-other"), TimeProvider.System);
        var otherClock = limiters.For(options, token, new FakeTimeProvider());
        using var elsewhere = new HubSpotRateLimiters();

        Assert.Same(first, second);
        Assert.NotSame(first, other);
        Assert.NotSame(first, otherClock);
        Assert.NotSame(first, elsewhere.For(options, token, TimeProvider.System));
    }

    [Fact]
    public void Token_NeverShowsInToString()
    {
        var token = HubSpotAccessToken.From("pat-na1-11111111-2222-3333-4444-555555555555");
        Assert.DoesNotContain("pat-na1", token.ToString(), StringComparison.Ordinal);
    }
}
