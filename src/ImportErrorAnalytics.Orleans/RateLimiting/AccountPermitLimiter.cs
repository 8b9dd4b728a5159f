using System.Threading.RateLimiting;

namespace ImportErrorAnalytics.Orleans.RateLimiting;

/// <summary>
/// The rate limiter an import grain hands to the HubSpot source: each permit is one reservation from the account
/// grain, waited out on the <see cref="TimeProvider"/> before the request goes. Only asynchronous, single permits.
/// </summary>
internal sealed class AccountPermitLimiter(Func<CancellationToken, Task<PermitGrant>> reserve, TimeProvider time) : RateLimiter
{
    public override TimeSpan? IdleDuration => null;

    public override RateLimiterStatistics? GetStatistics() => null;

    protected override RateLimitLease AttemptAcquireCore(int permitCount) =>
        permitCount == 0 ? Lease.Granted : Lease.Refused;

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(permitCount, 1);
        if (permitCount == 0)
        {
            return Lease.Granted;
        }

        while (true)
        {
            var grant = await reserve(cancellationToken).ConfigureAwait(false);
            if (grant.Wait > TimeSpan.Zero)
            {
                await Task.Delay(grant.Wait, time, cancellationToken).ConfigureAwait(false);
            }

            if (grant.Granted)
            {
                return Lease.Granted;
            }
        }
    }

    private sealed class Lease(bool acquired) : RateLimitLease
    {
        public static readonly Lease Granted = new(true);
        public static readonly Lease Refused = new(false);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
