using System.Threading.RateLimiting;

namespace ImportErrorAnalytics.HubSpot;

/// <summary>
/// At most N requests in any rolling window of their arrival at HubSpot (its ten-secondly burst rule), waiting on a
/// <see cref="TimeProvider"/>. HubSpot counts a request when it arrives, which is after the permit (by however long the
/// send took: a new connection, a busy machine) and before the lease is disposed (the attempt ended): so a permit
/// counts from its grant until its lease is disposed, and a new one is granted once the permit N grants back was
/// disposed a window ago. Waiters are served one at a time, in arrival order.
/// </summary>
internal sealed class RollingWindowRateLimiter : RateLimiter
{
    /// <summary>The last N permits: when each was known to have arrived (its lease's disposal), or <see cref="InFlight"/>.</summary>
    private readonly long[] _arrivedBy;
    private readonly TimeSpan _window;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Lock _lock = new();
    private TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _next;
    private int _count;
    private long _lastGrant;

    private const long InFlight = long.MaxValue;

    public RollingWindowRateLimiter(int permits, TimeSpan window, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(permits, 1);
        _arrivedBy = new long[permits];
        _window = window;
        _time = time;
        _lastGrant = time.GetTimestamp();
    }

    public override TimeSpan? IdleDuration
    {
        get
        {
            lock (_lock)
            {
                return _time.GetElapsedTime(_lastGrant);
            }
        }
    }

    public override RateLimiterStatistics? GetStatistics()
    {
        lock (_lock)
        {
            return new RateLimiterStatistics { CurrentAvailablePermits = _arrivedBy.Length - InWindow(_time.GetTimestamp()) };
        }
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        CheckCount(permitCount);
        if (permitCount == 0)
        {
            return Lease.Empty;
        }

        return TryGrant(out var lease) == TimeSpan.Zero ? lease! : Lease.Refused;
    }

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        CheckCount(permitCount);
        if (permitCount == 0)
        {
            return Lease.Empty;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (true)
            {
                Task released;
                lock (_lock)
                {
                    released = _released.Task;
                }

                var wait = TryGrant(out var lease);
                if (wait == TimeSpan.Zero)
                {
                    return lease!;
                }

                // Held up by a request still in flight: its lease's disposal says when it arrived.
                await (wait == Timeout.InfiniteTimeSpan ? released.WaitAsync(cancellationToken) : Task.Delay(wait, _time, cancellationToken)).ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _gate.Dispose();
        }

        base.Dispose(disposing);
    }

    private static void CheckCount(int permitCount) => ArgumentOutOfRangeException.ThrowIfGreaterThan(permitCount, 1);

    /// <summary>
    /// Grants now (a lease, zero returned), or returns how long until the permit N grants back is a window past its
    /// arrival (<see cref="Timeout.InfiniteTimeSpan"/> while that permit is still in flight).
    /// </summary>
    private TimeSpan TryGrant(out Lease? lease)
    {
        lease = null;
        lock (_lock)
        {
            var now = _time.GetTimestamp();
            if (_count == _arrivedBy.Length)
            {
                var arrived = _arrivedBy[_next];
                if (arrived == InFlight)
                {
                    return Timeout.InfiniteTimeSpan;
                }

                var age = _time.GetElapsedTime(arrived, now);
                if (age < _window)
                {
                    return _window - age;
                }
            }
            else
            {
                _count++;
            }

            _arrivedBy[_next] = InFlight;
            lease = new Lease(this, _next);
            _next = (_next + 1) % _arrivedBy.Length;
            _lastGrant = now;
            return TimeSpan.Zero;
        }
    }

    /// <summary>A permit's attempt ended: its request has arrived, if it was ever sent.</summary>
    private void Release(int slot)
    {
        lock (_lock)
        {
            _arrivedBy[slot] = _time.GetTimestamp();
            _released.TrySetResult();
            _released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    private int InWindow(long now)
    {
        var inWindow = 0;
        for (var i = 0; i < _count; i++)
        {
            if (_arrivedBy[i] == InFlight || _time.GetElapsedTime(_arrivedBy[i], now) < _window)
            {
                inWindow++;
            }
        }

        return inWindow;
    }

    /// <summary>
    /// A granted permit (its slot is not reused before its disposal, since the grant N later waits for it), or the
    /// empty and refused leases.
    /// </summary>
    private sealed class Lease(RollingWindowRateLimiter? owner, int slot, bool acquired = true) : RateLimitLease
    {
        public static readonly Lease Empty = new(null, -1);
        public static readonly Lease Refused = new(null, -1, acquired: false);

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
            if (disposing && owner is not null && Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Release(slot);
            }

            base.Dispose(disposing);
        }
    }
}
