using System.Threading.RateLimiting;
using Polly;

namespace ImportErrorAnalytics.HubSpot;

/// <summary>
/// Takes one permit of the rate limiter for each attempt, between the retry and the attempt's timeout: waiting for the
/// budget is not the attempt taking long. With many imports on one budget (a multi-import run, an account's import
/// grains) a permit can take longer than <see cref="HubSpotSourceOptions.AttemptTimeout"/> to come.
/// </summary>
internal sealed class HubSpotPermitStrategy(RateLimiter limiter) : ResilienceStrategy
{
    protected override async ValueTask<Outcome<TResult>> ExecuteCore<TResult, TState>(
        Func<ResilienceContext, TState, ValueTask<Outcome<TResult>>> callback, ResilienceContext context, TState state)
    {
        RateLimitLease lease;
        try
        {
            lease = await limiter.AcquireAsync(1, context.CancellationToken).ConfigureAwait(context.ContinueOnCapturedContext);
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
