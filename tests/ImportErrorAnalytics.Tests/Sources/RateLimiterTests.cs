using ImportErrorAnalytics.Sources.HubSpot;
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
    public void SameAddressAndToken_ShareOneLimiter()
    {
        var token = HubSpotAccessToken.From("pat-na1-00000000-0000-0000-0000-000000000000");
        var options = new HubSpotSourceOptions { ImportId = "1", BaseAddress = new Uri("http://127.0.0.1:1/"), RequestsPerTenSeconds = 7 };

        var first = HubSpotRateLimiters.For(options, token, TimeProvider.System);
        var second = HubSpotRateLimiters.For(options, token, TimeProvider.System);
        var other = HubSpotRateLimiters.For(options, HubSpotAccessToken.From("pat-na1-other"), TimeProvider.System);

        Assert.Same(first, second);
        Assert.NotSame(first, other);
    }

    [Fact]
    public void Token_NeverShowsInToString()
    {
        var token = HubSpotAccessToken.From("pat-na1-11111111-2222-3333-4444-555555555555");
        Assert.DoesNotContain("pat-na1", token.ToString(), StringComparison.Ordinal);
    }
}
