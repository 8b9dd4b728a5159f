using System.Threading.RateLimiting;

namespace ImportErrorAnalytics.HubSpot;

/// <summary>
/// At most N grants in any rolling window (HubSpot's ten-secondly burst rule), waiting on a <see cref="TimeProvider"/>:
/// it remembers the last N grant times and lets a request through once the oldest is a window old. Waiters are served
/// one at a time, in arrival order.
/// </summary>
internal sealed class RollingWindowRateLimiter : RateLimiter
{
    private readonly long[] _grants;
    private readonly TimeSpan _window;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly object _lock = new();
    private int _next;
    private int _count;
    private long _lastGrant;

    public RollingWindowRateLimiter(int permits, TimeSpan window, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(permits, 1);
        _grants = new long[permits];
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
            return new RateLimiterStatistics { CurrentAvailablePermits = _grants.Length - InWindow(_time.GetTimestamp()) };
        }
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        CheckCount(permitCount);
        return permitCount == 0 || TryGrant() == TimeSpan.Zero ? Lease.Granted : Lease.Refused;
    }

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        CheckCount(permitCount);
        if (permitCount == 0)
        {
            return Lease.Granted;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (TryGrant() is var wait && wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
            }

            return Lease.Granted;
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

    /// <summary>Grants now and returns zero, or returns how long until the oldest grant leaves the window.</summary>
    private TimeSpan TryGrant()
    {
        lock (_lock)
        {
            var now = _time.GetTimestamp();
            if (_count == _grants.Length)
            {
                var age = _time.GetElapsedTime(_grants[_next], now);
                if (age < _window)
                {
                    return _window - age;
                }
            }
            else
            {
                _count++;
            }

            _grants[_next] = now;
            _next = (_next + 1) % _grants.Length;
            _lastGrant = now;
            return TimeSpan.Zero;
        }
    }

    private int InWindow(long now)
    {
        var inWindow = 0;
        for (var i = 0; i < _count; i++)
        {
            if (_time.GetElapsedTime(_grants[i], now) < _window)
            {
                inWindow++;
            }
        }

        return inWindow;
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
