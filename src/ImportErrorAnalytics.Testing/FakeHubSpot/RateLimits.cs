namespace ImportErrorAnalytics.Testing.FakeHubSpot;

/// <summary>What the rate-limit headers say at one moment.</summary>
internal readonly record struct RateLimitSnapshot(int Max, int Remaining, long Daily, long DailyRemaining);

/// <summary>
/// HubSpot's two budgets: requests per rolling 10 s window (enforced only when a burst limit is set, always reported)
/// and requests per UTC day. Only admitted requests are counted. Thread-safe.
/// </summary>
internal sealed class RateLimits(int? burstLimit, int reportedMax, long dailyLimit, TimeProvider time)
{
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    private readonly Lock _lock = new();
    private readonly Queue<DateTimeOffset> _window = new();
    private long _dailyUsed;
    private DateOnly _day = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    private int Max => burstLimit ?? reportedMax;

    /// <summary>The headers' values without using up a request.</summary>
    public RateLimitSnapshot Peek(DateTimeOffset now)
    {
        lock (_lock)
        {
            Advance(now);
            return Snapshot();
        }
    }

    /// <summary>Admits a request, or says which policy refuses it (TEN_SECONDLY_ROLLING or DAILY).</summary>
    public (string? RefusedBy, RateLimitSnapshot Snapshot) TryAcquire(DateTimeOffset now)
    {
        lock (_lock)
        {
            Advance(now);
            if (_dailyUsed >= dailyLimit)
            {
                return ("DAILY", Snapshot() with { DailyRemaining = 0 });
            }

            if (burstLimit is { } limit && _window.Count >= limit)
            {
                return ("TEN_SECONDLY_ROLLING", Snapshot() with { Remaining = 0 });
            }

            _window.Enqueue(now);
            _dailyUsed++;
            return (null, Snapshot());
        }
    }

    private RateLimitSnapshot Snapshot() =>
        new(Max, Math.Max(0, Max - _window.Count), dailyLimit, Math.Max(0, dailyLimit - _dailyUsed));

    private void Advance(DateTimeOffset now)
    {
        while (_window.TryPeek(out var oldest) && oldest <= now - Window)
        {
            _window.Dequeue();
        }

        var today = DateOnly.FromDateTime(now.UtcDateTime);
        if (today != _day)
        {
            _day = today;
            _dailyUsed = 0;
        }
    }
}
