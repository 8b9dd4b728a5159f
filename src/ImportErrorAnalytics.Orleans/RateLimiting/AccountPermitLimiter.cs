using System.Threading.RateLimiting;

namespace ImportErrorAnalytics.Orleans.RateLimiting;

/// <summary>
/// The rate limiter an import grain hands to the HubSpot source: each permit is one reservation from the account
/// grain, waited out on the <see cref="TimeProvider"/> before the request goes; the lease, disposed when the attempt
/// ends, reports the completion (<paramref name="completed"/>), which frees the permit's place in the budget's window.
/// Only asynchronous, single permits.
/// </summary>
internal sealed class AccountPermitLimiter(Func<CancellationToken, Task<PermitGrant>> reserve, Action<long> completed, TimeProvider time) : RateLimiter
{
    public override TimeSpan? IdleDuration => null;

    public override RateLimiterStatistics? GetStatistics() => null;

    protected override RateLimitLease AttemptAcquireCore(int permitCount) =>
        permitCount == 0 ? Lease.Empty : Lease.Refused;

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(permitCount, 1);
        if (permitCount == 0)
        {
            return Lease.Empty;
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
                return new Lease(true, grant.PermitId, completed);
            }
        }
    }

    private sealed class Lease(bool acquired, long permitId = 0, Action<long>? completed = null) : RateLimitLease
    {
        /// <summary>A lease of zero permits: nothing to report.</summary>
        public static readonly Lease Empty = new(true);
        public static readonly Lease Refused = new(false);

        private int _disposed;

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing && completed is not null && Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                completed(permitId);
            }

            base.Dispose(disposing);
        }
    }
}
