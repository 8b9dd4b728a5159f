using ImportErrorAnalytics.Orleans.RateLimiting;
using Microsoft.Extensions.Time.Testing;

namespace ImportErrorAnalytics.Orleans.Tests.RateLimiting;

/// <summary>The import grain's side of the budget: it waits what the account grain says, on a fake clock.</summary>
public sealed class AccountPermitLimiterTests
{
    [Fact]
    public async Task Acquire_WaitsTheGrantedDelay_AndAsksAgainAfterARefusal()
    {
        var time = new FakeTimeProvider();
        var answers = new Queue<PermitGrant>([
            new PermitGrant { Granted = false, Wait = TimeSpan.FromSeconds(2) },
            new PermitGrant { Granted = true, Wait = TimeSpan.FromSeconds(1) },
        ]);
        var asked = 0;
        using var limiter = new AccountPermitLimiter(_ => { asked++; return Task.FromResult(answers.Dequeue()); }, _ => { }, time);

        var acquire = limiter.AcquireAsync(1).AsTask();
        Assert.Equal(1, asked);
        time.Advance(TimeSpan.FromSeconds(2));
        await WaitUntil(() => asked == 2);
        Assert.False(acquire.IsCompleted);

        // The second delay starts on the thread pool after the second answer: advancing the clock in one step could come
        // before it and leave it waiting forever. Step by 100 ms until the lease comes, and see it took the second.
        var asking = time.GetUtcNow();
        while (!acquire.IsCompleted && time.GetUtcNow() - asking < TimeSpan.FromSeconds(30))
        {
            time.Advance(TimeSpan.FromMilliseconds(100));
            await Task.Delay(5);
        }

        using var lease = await acquire;
        Assert.True(time.GetUtcNow() - asking >= TimeSpan.FromSeconds(1), "The lease came before the granted delay.");
        Assert.True(lease.IsAcquired);
        Assert.Equal(2, asked);
    }

    [Fact]
    public async Task Acquire_IsCancelledWhileWaiting()
    {
        var time = new FakeTimeProvider();
        using var limiter = new AccountPermitLimiter(_ => Task.FromResult(new PermitGrant { Granted = true, Wait = TimeSpan.FromSeconds(5) }), _ => { }, time);
        using var cancel = new CancellationTokenSource();

        var acquire = limiter.AcquireAsync(1, cancel.Token).AsTask();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => acquire);
    }

    [Fact]
    public async Task DisposingTheLease_ReportsItsPermitCompletedOnce_AndAZeroPermitLeaseReportsNothing()
    {
        var reported = new List<long>();
        using var limiter = new AccountPermitLimiter(
            _ => Task.FromResult(new PermitGrant { Granted = true, Wait = TimeSpan.Zero, PermitId = 42 }), reported.Add, TimeProvider.System);

        var lease = await limiter.AcquireAsync(1);
        Assert.Empty(reported);
        lease.Dispose();
        lease.Dispose();
        (await limiter.AcquireAsync(0)).Dispose();

        Assert.Equal([42L], reported);
    }

    /// <summary>The limiter's continuation after a fake-time delay runs on the thread pool: wait for it to ask.</summary>
    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }
}
