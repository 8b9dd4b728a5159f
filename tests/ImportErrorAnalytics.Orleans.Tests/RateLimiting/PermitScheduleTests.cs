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
        var schedule = new PermitSchedule(3, Window, maxLead: 3 * Window);

        var times = Enumerable.Range(0, 7).Select(_ => schedule.Reserve(Start)).ToList();

        Assert.All(times, reservation => Assert.True(reservation.Granted));
        Assert.Equal(
            [Start, Start, Start, Start + Window, Start + Window, Start + Window, Start + (2 * Window)],
            times.Select(reservation => reservation.At));
    }

    [Fact]
    public void ReservationBeyondTheLead_IsRefused_WithWhenToAskAgain()
    {
        var schedule = new PermitSchedule(2, Window, maxLead: TimeSpan.FromSeconds(4));
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
        var schedule = new PermitSchedule(permits, Window, lead);
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
        var schedule = new PermitSchedule(5, Window, maxLead: Window);
        var horizon = Start + TimeSpan.FromSeconds(3);

        schedule.AssumeSpentUntil(horizon);
        var first = schedule.Reserve(Start);

        Assert.False(first.Granted);
        Assert.Equal(horizon, first.At);
        Assert.Equal(horizon + Window, schedule.Reserve(horizon).At);
    }
}
