using Polly;

namespace ImportErrorAnalytics.HubSpot;

/// <summary>What every call to the API goes through: the retry pipeline (with a fresh per-call budget), whose attempts each take a permit.</summary>
internal static class HubSpotRequests
{
    /// <summary>
    /// Runs <paramref name="attempt"/> until it succeeds or the pipeline gives up, traced (when something listens) by one
    /// activity for the request at <paramref name="route"/> (a template such as <c>crm/imports/2026-03/{importId}</c>),
    /// the parent of each attempt's HTTP activity.
    /// </summary>
    public static async Task<T> ExecuteAsync<T>(
        ResiliencePipeline pipeline, HubSpotSourceOptions options, string route, Func<CancellationToken, Task<T>> attempt, CancellationToken cancellationToken)
    {
        var activity = HubSpotMetrics.StartRequest(options.BaseAddress, route);
        var budget = new RetryBudget(options);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(HubSpotResilience.Budget, budget);
        try
        {
            var result = await pipeline.ExecuteAsync(static async (ctx, attempt) => await attempt(ctx.CancellationToken).ConfigureAwait(false), context, attempt)
                .ConfigureAwait(false);
            if (activity is not null)
            {
                HubSpotMetrics.EndRequest(activity, budget.Retries, null, cancelled: false);
            }

            return result;
        }
        catch (Exception ex) when (activity is not null)
        {
            HubSpotMetrics.EndRequest(activity, budget.Retries, ex, ex is OperationCanceledException && cancellationToken.IsCancellationRequested);
            throw;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }
}
