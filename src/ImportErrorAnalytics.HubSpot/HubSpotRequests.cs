using Polly;

namespace ImportErrorAnalytics.HubSpot;

/// <summary>What every call to the API goes through: the retry pipeline (with a fresh per-call budget), whose attempts each take a permit.</summary>
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
}
