namespace ImportErrorAnalytics.Orleans.RateLimiting;

/// <summary>
/// An account's request budget, N requests per rolling window, handed out as reserved send times: each reservation
/// is the earliest moment, no earlier than the one before, at which one more request keeps every window within N
/// (the N-th last reservation plus the window). A reservation is refused, with the moment to ask again, when it would
/// lie more than <see cref="MaxLead"/> ahead, so that few reservations are ever outstanding. Not thread-safe: the
/// account grain's single-threaded turns serialize it.
/// </summary>
internal sealed class PermitSchedule
{
    private readonly DateTimeOffset[] _reserved;
    private int _next;
    private int _count;
    private DateTimeOffset _last = DateTimeOffset.MinValue;

    public PermitSchedule(int permits, TimeSpan window, TimeSpan maxLead)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(permits, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLead, TimeSpan.Zero);
        _reserved = new DateTimeOffset[permits];
        Window = window;
        MaxLead = maxLead;
    }

    public int Permits => _reserved.Length;

    public TimeSpan Window { get; }

    public TimeSpan MaxLead { get; }

    /// <summary>Reserves the next send time, or says when to ask again.</summary>
    public Reservation Reserve(DateTimeOffset now)
    {
        var slot = now > _last ? now : _last;
        if (_count == _reserved.Length && _reserved[_next] + Window is var free && free > slot)
        {
            slot = free;
        }

        if (slot - now > MaxLead)
        {
            return new Reservation(false, slot - MaxLead);
        }

        _reserved[_next] = slot;
        _next = (_next + 1) % _reserved.Length;
        _count = Math.Min(_count + 1, _reserved.Length);
        _last = slot;
        return new Reservation(true, slot);
    }

    /// <summary>
    /// Treats the budget as spent up to <paramref name="until"/>: what a new activation does when an earlier one may
    /// have reserved times up to then, so the next reservation is a whole window later.
    /// </summary>
    public void AssumeSpentUntil(DateTimeOffset until)
    {
        Array.Fill(_reserved, until);
        _count = _reserved.Length;
        _next = 0;
        _last = until;
    }
}

/// <summary>A reserved send time (<paramref name="Granted"/>), or the moment to ask again.</summary>
internal readonly record struct Reservation(bool Granted, DateTimeOffset At);
