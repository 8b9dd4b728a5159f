using ImportErrorAnalytics.Orleans.RateLimiting;
using Microsoft.Extensions.Logging;
using ImportErrorAnalytics.Escaping;

namespace ImportErrorAnalytics.Orleans.Grains;

/// <summary>
/// The account's request budget: <c>RequestsPerTenSeconds</c> per rolling window, whatever the number of import grains
/// (see <see cref="PermitSchedule"/>), each permit counted until its import grain reports the request completed. Before
/// handing out a send time beyond what storage says was handed out, it writes a new horizon, so that an activation
/// after a crash waits out what the old one may have granted, requests in flight included.
/// </summary>
internal sealed partial class AccountGrain
{
    /// <summary>The furthest ahead a send time is reserved; beyond it the import grain is told when to ask again.</summary>
    private static readonly TimeSpan MaxLead = TimeSpan.FromSeconds(5);

    /// <summary>How far past a new send time the saved horizon is moved, so it is written once per step, not per request.</summary>
    private static readonly TimeSpan HorizonStep = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Added to the attempt timeout for the longest a request may be in flight: the time between the send time and the
    /// attempt's start (the grant's trip back, a busy silo) and the cancellation's own latency.
    /// </summary>
    private static readonly TimeSpan InFlightMargin = TimeSpan.FromSeconds(5);

    private PermitSchedule _schedule = null!;
    private DateTimeOffset _horizon;
    private Task? _horizonWrite;

    public async Task<PermitGrant> ReserveAsync()
    {
        var reservation = _schedule.Reserve(time.GetUtcNow());
        if (reservation.Granted)
        {
            await CoverAsync(reservation.At);
        }

        var wait = reservation.At - time.GetUtcNow();
        wait = wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        metrics.PermitAnswered(AccountId, reservation.Granted, wait);
        return new PermitGrant { Granted = reservation.Granted, Wait = wait, PermitId = reservation.Id };
    }

    public Task CompletedAsync(long permitId)
    {
        _schedule.Complete(permitId, time.GetUtcNow());
        return Task.CompletedTask;
    }

    private void ActivateBudget()
    {
        var window = options.Value.BudgetWindow;
        var hubSpot = options.Value.HubSpotFor(AccountId);
        var maxInFlight = hubSpot.AttemptTimeout + InFlightMargin;
        _schedule = new PermitSchedule(hubSpot.RequestsPerTenSeconds, window, MaxLead, maxInFlight);
        _horizon = budget.State.ReservedUntil;

        // A permit the old activation granted up to the horizon may still be in flight for its attempt's length.
        var spentUntil = _horizon + maxInFlight;
        if (spentUntil > time.GetUtcNow() - window)
        {
            _schedule.AssumeSpentUntil(spentUntil);
            LogBudgetHeldBack(logger, AccountLog, spentUntil + window);
        }
    }

    /// <summary>Makes sure storage says the budget is handed out at least up to <paramref name="at"/>; one write at a time.</summary>
    private async Task CoverAsync(DateTimeOffset at)
    {
        while (at > _horizon)
        {
            var write = _horizonWrite ??= WriteHorizonAsync(at + HorizonStep);
            try
            {
                await write;
            }
            finally
            {
                if (ReferenceEquals(_horizonWrite, write))
                {
                    _horizonWrite = null;
                }
            }
        }
    }

    private async Task WriteHorizonAsync(DateTimeOffset horizon)
    {
        budget.State.ReservedUntil = horizon;
        await budget.WriteStateAsync();
        _horizon = horizon;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Account {AccountId}: an earlier activation may have spent the budget; the first request waits until {Until:O}.")]
    private static partial void LogBudgetHeldBack(ILogger logger, Untrusted accountId, DateTimeOffset until);
}
