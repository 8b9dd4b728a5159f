using System.Threading.RateLimiting;
using Polly;

namespace ImportErrorAnalytics.Sources.HubSpot;

/// <summary>What every call to the API goes through: the retry pipeline (with a fresh per-call budget) and the rate limiter.</summary>
internal static class HubSpotRequests
{
    /// <summary>Runs <paramref name="attempt"/> until it succeeds or the pipeline gives up.</summary>
    public static async Task<T> ExecuteAsync<T>(
        ResiliencePipeline pipeline, HubSpotSourceOptions options, Func<CancellationToken, Task<T>> attempt, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(HubSpotResilience.Budget, new RetryBudget(options));
        try
        {
            return await pipeline.ExecuteAsync(static async (ctx, attempt) => await attempt(ctx.CancellationToken).ConfigureAwait(false), context, attempt)
                .ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>Waits for the limiter's permission to send one request.</summary>
    public static async Task<RateLimitLease> AcquireAsync(RateLimiter limiter, CancellationToken cancellationToken)
    {
        var lease = await limiter.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
        if (!lease.IsAcquired)
        {
            lease.Dispose();
            throw new HubSpotApiException(HubSpotFailure.RateLimitExhausted, null, "The client-side rate limiter refused the request.");
        }

        return lease;
    }
}
