using System.Threading.RateLimiting;

namespace ImportErrorAnalytics.Tests.Support;

/// <summary>A rate limiter that holds its first permit until released, and counts the permits asked for.</summary>
internal sealed class GatedRateLimiter : RateLimiter
{
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _asked;

    public int Asked => Volatile.Read(ref _asked);

    public override TimeSpan? IdleDuration => null;

    public void Release() => _release.TrySetResult();

    public override RateLimiterStatistics? GetStatistics() => null;

    protected override RateLimitLease AttemptAcquireCore(int permitCount) => new Lease();

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _asked) == 1)
        {
            await _release.Task.WaitAsync(cancellationToken);
        }

        return new Lease();
    }

    private sealed class Lease : RateLimitLease
    {
        public override bool IsAcquired => true;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
