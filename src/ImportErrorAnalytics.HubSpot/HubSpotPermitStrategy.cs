using System.Threading.RateLimiting;
using Polly;

namespace ImportErrorAnalytics.HubSpot;

/// <summary>
/// Takes one permit of the rate limiter for each attempt, between the retry and the attempt's timeout: waiting for the
/// budget is not the attempt taking long. With many imports on one budget (a multi-import run, an account's import
/// grains) a permit can take longer than <see cref="HubSpotSourceOptions.AttemptTimeout"/> to come. A permit that is not
/// free at once is a client-side rate-limit wait, measured (<see cref="HubSpotMetrics.RateLimitWaits"/>) when something
/// listens.
/// </summary>
internal sealed class HubSpotPermitStrategy(RateLimiter limiter, TimeProvider time) : ResilienceStrategy
{
    protected override async ValueTask<Outcome<TResult>> ExecuteCore<TResult, TState>(
        Func<ResilienceContext, TState, ValueTask<Outcome<TResult>>> callback, ResilienceContext context, TState state)
    {
        RateLimitLease lease;
        try
        {
            var pending = limiter.AcquireAsync(1, context.CancellationToken);
            if (pending.IsCompleted)
            {
                lease = await pending.ConfigureAwait(context.ContinueOnCapturedContext);
            }
            else
            {
                var measured = HubSpotMetrics.RateLimitWaits.Enabled;
                var started = measured ? time.GetTimestamp() : 0;
                lease = await pending.ConfigureAwait(context.ContinueOnCapturedContext);
                if (measured)
                {
                    HubSpotMetrics.Waited(HubSpotMetrics.Client, time.GetElapsedTime(started));
                }
            }
        }
        catch (OperationCanceledException ex)
        {
            return Outcome.FromException<TResult>(ex);
        }

        using (lease)
        {
            return lease.IsAcquired
                ? await callback(context, state).ConfigureAwait(context.ContinueOnCapturedContext)
                : Outcome.FromException<TResult>(
                    new HubSpotApiException(HubSpotFailure.RateLimitExhausted, null, "The client-side rate limiter refused the request."));
        }
    }
}
