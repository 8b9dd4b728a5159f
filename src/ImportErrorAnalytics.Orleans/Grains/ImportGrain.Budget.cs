using ImportErrorAnalytics.Orleans.RateLimiting;
using Microsoft.Extensions.Logging;
using ImportErrorAnalytics.Escaping;

namespace ImportErrorAnalytics.Orleans.Grains;

/// <summary>
/// Permits from the account grain, through the loss of its silo: while the cluster has not yet noticed that the
/// account grain's silo died, calls to it fail (the silo is unreachable, the message is rejected, or no answer comes in
/// time). Those failures say nothing about the import, so the import asks again after a pause, until the call reaches
/// a new activation of the account grain on a live silo, which keeps the budget from its saved horizon. Only when
/// that lasts longer than <see cref="ReserveRetryLimit"/> does the run fail (and can be started again).
/// </summary>
internal sealed partial class ImportGrain
{
    /// <summary>How long the import keeps asking an unreachable account grain: well beyond failure detection and a call's timeout.</summary>
    private static readonly TimeSpan ReserveRetryLimit = TimeSpan.FromMinutes(3);

    private static readonly TimeSpan ReserveRetryPause = TimeSpan.FromSeconds(1);

    private async Task<PermitGrant> ReserveAsync(IAccountBudget budget, CancellationToken cancellationToken)
    {
        long? firstFailure = null;
        while (true)
        {
            try
            {
                return await _activation.RunAsync(budget.ReserveAsync, cancellationToken);
            }
            catch (Exception ex) when (ex is OrleansException or TimeoutException && !cancellationToken.IsCancellationRequested
                && time.GetElapsedTime(firstFailure ??= time.GetTimestamp()) < ReserveRetryLimit)
            {
                LogBudgetUnreachable(logger, _accountLog, _importLog, Untrusted.Message(ex.GetType().Name));
                await Task.Delay(ReserveRetryPause, time, cancellationToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Import {AccountId}/{ImportId}: the account grain did not answer a permit request ({Reason}); asking again.")]
    private static partial void LogBudgetUnreachable(ILogger logger, Untrusted accountId, Untrusted importId, Untrusted reason);
}
