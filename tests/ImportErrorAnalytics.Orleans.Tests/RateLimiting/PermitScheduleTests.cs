using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ImportErrorAnalytics.Orleans.RateLimiting;

namespace ImportErrorAnalytics.Orleans.Tests.RateLimiting;

/// <summary>The account budget's arithmetic, on given instants (no clock).</summary>
public sealed class PermitScheduleTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    [Fact]
    public void FirstPermitsAreImmediate_ThenEachWaitsForTheOldestToLeaveTheWindow()
    {
        var schedule = new PermitSchedule(3, Window, maxLead: 3 * Window, maxInFlight: TimeSpan.Zero);

        var times = Enumerable.Range(0, 7).Select(_ => schedule.Reserve(Start)).ToList();

        Assert.All(times, reservation => Assert.True(reservation.Granted));
        Assert.Equal(
            [Start, Start, Start, Start + Window, Start + Window, Start + Window, Start + (2 * Window)],
            times.Select(reservation => reservation.At));
    }

    [Fact]
    public void ReservationBeyondTheLead_IsRefused_WithWhenToAskAgain()
    {
        var schedule = new PermitSchedule(2, Window, maxLead: TimeSpan.FromSeconds(4), maxInFlight: TimeSpan.Zero);
        schedule.Reserve(Start);
        schedule.Reserve(Start);

        var refused = schedule.Reserve(Start + TimeSpan.FromSeconds(1));
        var granted = schedule.Reserve(refused.At);

        Assert.False(refused.Granted);
        Assert.Equal(Start + TimeSpan.FromSeconds(6), refused.At);
        Assert.True(granted.Granted);
        Assert.Equal(Start + Window, granted.At);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 2)]
    [InlineData(10, 3)]
    [InlineData(100, 4)]
    public void RandomDemand_NeverGetsMoreThanTheBudgetInAnyWindow_NorWaitsWhenTheWindowHasRoom(int permits, int seed)
    {
        var random = new Random(seed);
        var lead = TimeSpan.FromSeconds(random.Next(0, 12));
        var schedule = new PermitSchedule(permits, Window, lead, maxInFlight: TimeSpan.Zero);
        var now = Start;
        var granted = new List<DateTimeOffset>();
        for (var i = 0; i < 2_000; i++)
        {
            now += TimeSpan.FromMilliseconds(random.Next(0, 3 * (int)Window.TotalMilliseconds / permits));
            var reservation = schedule.Reserve(now);
            if (reservation.Granted)
            {
                Assert.InRange(reservation.At, now, now + lead);
                var earliest = granted.Count == 0 || granted[^1] < now ? now : granted[^1];
                if (reservation.At > earliest)
                {
                    // Held back only because the window before it is full.
                    Assert.Equal(permits, granted.Count(at => at >= reservation.At - Window));
                }
                else
                {
                    Assert.Equal(earliest, reservation.At);
                }

                granted.Add(reservation.At);
            }
            else
            {
                Assert.True(reservation.At > now);
            }
        }

        for (var i = 0; i < granted.Count; i++)
        {
            Assert.True(granted.Count(at => at >= granted[i] && at < granted[i] + Window) <= permits, $"more than {permits} grants in the window from {granted[i]:O}");
        }
    }

    [Fact]
    public void AfterARestart_NothingIsGrantedUntilAWindowPastWhatTheOldActivationMayHaveGranted()
    {
        var schedule = new PermitSchedule(5, Window, maxLead: Window, maxInFlight: TimeSpan.Zero);
        var horizon = Start + TimeSpan.FromSeconds(3);

        schedule.AssumeSpentUntil(horizon);
        var first = schedule.Reserve(Start);

        Assert.False(first.Granted);
        Assert.Equal(horizon, first.At);
        Assert.Equal(horizon + Window, schedule.Reserve(horizon).At);
    }

    [Fact]
    public void ALateFirstArrival_DoesNotLetMoreThanTheBudgetArriveInOneWindow()
    {
        // Two permits: the first request reaches HubSpot half a second after its send time (a cold process), the second
        // at once. Counting from send times, the next two would be sent at 10 s and both arrive within 10 s of 0.5 s.
        var schedule = new PermitSchedule(2, Window, maxLead: 3 * Window, maxInFlight: TimeSpan.FromSeconds(60));
        var first = schedule.Reserve(Start);
        var second = schedule.Reserve(Start);
        schedule.Complete(second.Id, Start + TimeSpan.FromSeconds(0.1));
        schedule.Complete(first.Id, Start + TimeSpan.FromSeconds(0.6));

        var third = schedule.Reserve(Start + TimeSpan.FromSeconds(1));
        var fourth = schedule.Reserve(Start + TimeSpan.FromSeconds(1));

        Assert.Equal(Start + TimeSpan.FromSeconds(10.6), third.At);
        Assert.Equal(Start + TimeSpan.FromSeconds(10.6), fourth.At);
    }

    [Fact]
    public void APermitNeverReported_CountsForItsLongestFlight_AndTheWaitersAskAgainSoon()
    {
        var flight = TimeSpan.FromSeconds(65);
        var schedule = new PermitSchedule(1, Window, maxLead: TimeSpan.FromSeconds(5), maxInFlight: flight);
        var lost = schedule.Reserve(Start);

        var refused = schedule.Reserve(Start + TimeSpan.FromSeconds(20));
        schedule.Complete(lost.Id + 1, Start + TimeSpan.FromSeconds(20));
        var later = schedule.Reserve(Start + flight + Window - TimeSpan.FromSeconds(1));

        Assert.False(refused.Granted);
        Assert.Equal(Start + TimeSpan.FromSeconds(21), refused.At);
        Assert.True(later.Granted);
        Assert.Equal(Start + flight + Window, later.At);
    }

    [Fact]
    public void AReportedCompletion_FreesThePermitAWindowAfterIt()
    {
        var schedule = new PermitSchedule(1, Window, maxLead: TimeSpan.FromSeconds(5), maxInFlight: TimeSpan.FromSeconds(65));
        var sent = schedule.Reserve(Start);
        schedule.Complete(sent.Id, Start + TimeSpan.FromSeconds(2));

        var next = schedule.Reserve(Start + TimeSpan.FromSeconds(8));

        Assert.True(next.Granted);
        Assert.Equal(Start + TimeSpan.FromSeconds(12), next.At);
    }

    /// <summary>
    /// The law: whatever the demand, however late each request reaches HubSpot within its flight, and whichever
    /// completions are reported (when they are, they come after the arrival), no 10 s window of arrivals holds more
    /// than the budget.
    /// </summary>
    [Property(MaxTest = 200)]
    public Property ArrivalsStayWithinTheBudget_HoweverLateEachIsSent_WithOrWithoutReports()
    {
        var steps = Gen.Choose(0, 3_000).Two().Three().ListOf().Select(list => list.ToArray());
        return Prop.ForAll(Arb.From(Gen.Choose(1, 6).Zip(Gen.Choose(0, 8)).Zip(steps)), input =>
        {
            var ((permits, leadSeconds), demand) = input;
            var flight = TimeSpan.FromSeconds(3);
            var schedule = new PermitSchedule(permits, Window, TimeSpan.FromSeconds(leadSeconds), flight);
            var now = Start;
            var arrivals = new List<DateTimeOffset>();
            var reports = new PriorityQueue<long, DateTimeOffset>();
            foreach (var ((gap, delay), (report, _), _) in demand)
            {
                now += TimeSpan.FromMilliseconds(gap);
                while (reports.TryPeek(out var id, out var at) && at <= now)
                {
                    reports.Dequeue();
                    schedule.Complete(id, at);
                }

                var reservation = schedule.Reserve(now);
                if (!reservation.Granted)
                {
                    continue;
                }

                // Arrives somewhere in its flight; reported (after its arrival) two times in three.
                var arrival = reservation.At + TimeSpan.FromMilliseconds(delay % (int)flight.TotalMilliseconds);
                arrivals.Add(arrival);
                if (report % 3 != 0)
                {
                    reports.Enqueue(reservation.Id, arrival + TimeSpan.FromMilliseconds(report % 500));
                }
            }

            arrivals.Sort();
            for (var i = permits; i < arrivals.Count; i++)
            {
                if (arrivals[i] - arrivals[i - permits] < Window)
                {
                    return false.Label($"{permits + 1} arrivals within {(arrivals[i] - arrivals[i - permits]).TotalSeconds:F3} s");
                }
            }

            return true.ToProperty();
        });
    }
}
