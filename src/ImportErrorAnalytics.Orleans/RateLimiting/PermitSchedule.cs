namespace ImportErrorAnalytics.Orleans.RateLimiting;

/// <summary>
/// An account's request budget, N requests per rolling window, handed out as reserved send times.
/// <para>
/// HubSpot counts a request when it arrives, which is after its send time by however long the sender took to send it
/// (a cold process, a busy silo, a new connection) and before the sender saw it complete. So each permit is counted
/// from its send time until it is known to have arrived: its completion, reported by the import grain
/// (<see cref="Complete"/>), or, should no report come (the sender died), its send time plus the longest a request
/// may be in flight. A reservation is the earliest moment, no earlier than the one before, that lies a whole window
/// after the moment the permit N reservations back had surely arrived: then no window of HubSpot's clock holds more
/// than N arrivals, however late each was sent within its flight.
/// </para>
/// <para>
/// A reservation is refused, with the moment to ask again, when it would lie more than <see cref="MaxLead"/> ahead,
/// so that few reservations are ever outstanding; while the permit it waits for is still in flight, that moment is at
/// most <see cref="RecheckPeriod"/> away, as the permit's completion may free it sooner. Not thread-safe: the
/// account grain's single-threaded turns serialize it.
/// </para>
/// </summary>
internal sealed class PermitSchedule
{
    /// <summary>How soon a reservation held up by a request in flight is asked again.</summary>
    public static readonly TimeSpan RecheckPeriod = TimeSpan.FromSeconds(1);

    private readonly Permit[] _permits;
    private int _next;
    private int _count;
    private long _nextId;

    /// <summary>The id of the permit in ring slot 0's first round: a permit's slot is its id's distance from it, modulo N.</summary>
    private long _firstId;
    private DateTimeOffset _last = DateTimeOffset.MinValue;

    public PermitSchedule(int permits, TimeSpan window, TimeSpan maxLead, TimeSpan maxInFlight)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(permits, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLead, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxInFlight, TimeSpan.Zero);
        _permits = new Permit[permits];
        Window = window;
        MaxLead = maxLead;
        MaxInFlight = maxInFlight;

        // Ids differ between activations, so that a completion reported to a later activation matches nothing.
        _nextId = Random.Shared.NextInt64(1, long.MaxValue / 2);
        _firstId = _nextId;
    }

    public int Permits => _permits.Length;

    public TimeSpan Window { get; }

    public TimeSpan MaxLead { get; }

    /// <summary>The longest a request may take from its send time to its arrival when its completion is never reported.</summary>
    public TimeSpan MaxInFlight { get; }

    /// <summary>Reserves the next send time, or says when to ask again.</summary>
    public Reservation Reserve(DateTimeOffset now)
    {
        var slot = now > _last ? now : _last;
        var blocking = _count == _permits.Length ? _permits[_next] : default;
        if (_count == _permits.Length && blocking.ArrivedBy + Window is var free && free > slot)
        {
            slot = free;
        }

        if (slot - now > MaxLead)
        {
            // A report can only bring the blocking permit's arrival forward to the moment it comes: worth asking again
            // soon only while that moment is still ahead.
            var askAt = slot - MaxLead;
            var reportMayHelp = !blocking.Completed && blocking.ArrivedBy > now;
            return new Reservation(false, reportMayHelp && askAt - now > RecheckPeriod ? now + RecheckPeriod : askAt, 0);
        }

        var id = _nextId++;
        _permits[_next] = new Permit(id, slot, slot + MaxInFlight, Completed: false);
        _next = (_next + 1) % _permits.Length;
        _count = Math.Min(_count + 1, _permits.Length);
        _last = slot;
        return new Reservation(true, slot, id);
    }

    /// <summary>
    /// Records that the request sent under permit <paramref name="id"/> completed by <paramref name="now"/>, so it
    /// arrived by then. Unknown ids (an earlier activation's, or long out of the window) change nothing.
    /// </summary>
    public void Complete(long id, DateTimeOffset now)
    {
        // One look, not a scan: with a budget of thousands a completion per request must not cost thousands.
        if (id < _firstId || id >= _nextId || _nextId - id > _count)
        {
            return;
        }

        ref var permit = ref _permits[(id - _firstId) % _permits.Length];
        if (permit.Id == id && !permit.Completed)
        {
            var arrived = now < permit.At ? permit.At : now;
            permit = permit with { ArrivedBy = arrived < permit.ArrivedBy ? arrived : permit.ArrivedBy, Completed = true };
        }
    }

    /// <summary>
    /// Treats the budget as spent by requests that may arrive until <paramref name="until"/>: what a new activation
    /// does when an earlier one may have granted permits whose requests are still in flight, so the next reservation
    /// is a whole window later.
    /// </summary>
    public void AssumeSpentUntil(DateTimeOffset until)
    {
        Array.Fill(_permits, new Permit(0, until, until, Completed: true));
        _count = _permits.Length;
        _next = 0;
        _firstId = _nextId;
        _last = until;
    }

    /// <summary>One permit: its send time, the moment its request surely arrived, and whether that came from a report.</summary>
    private readonly record struct Permit(long Id, DateTimeOffset At, DateTimeOffset ArrivedBy, bool Completed);
}

/// <summary>A reserved send time (<paramref name="Granted"/>, with its permit's id), or the moment to ask again.</summary>
internal readonly record struct Reservation(bool Granted, DateTimeOffset At, long Id);
