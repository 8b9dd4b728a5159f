using ImportErrorAnalytics.Parsing;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using ImportErrorAnalytics.Escaping;

namespace ImportErrorAnalytics.HubSpot;

/// <summary>
/// The Polly pipeline around one page (request and the whole body): a retry that waits what HubSpot asks
/// (<c>Retry-After</c>, else <c>X-HubSpot-RateLimit-Interval-Milliseconds</c>, at most
/// <see cref="HubSpotSourceOptions.MaxServerWait"/>: see <see cref="ServerWait"/>), else backs off exponentially with
/// jitter, within the request's <see cref="RetryBudget"/>; inside it, each attempt takes a permit of the rate limiter,
/// then runs under its own timeout. A page is retried from the same cursor, and only a completely parsed page leaves
/// it; a page over a parser limit is not requested again (the same bytes would come).
/// </summary>
internal static partial class HubSpotResilience
{
    public static readonly ResiliencePropertyKey<RetryBudget> Budget = new("iea.retry-budget");

    public static ResiliencePipeline Create(HubSpotSourceOptions options, RateLimiter limiter, TimeProvider time, ILogger logger) =>
        new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.BaseDelay,
                MaxDelay = TimeSpan.FromSeconds(30),
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome.Exception, args.Context.CancellationToken)),
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Exception is HubSpotTransientException { RetryAfter: { } wait } && wait > TimeSpan.Zero ? wait : (TimeSpan?)null),
                OnRetry = args =>
                {
                    var budget = args.Context.Properties.GetValue(Budget, null!);
                    var exception = args.Outcome.Exception!;
                    if (!budget.Allows(exception, args.RetryDelay))
                    {
                        throw exception is ImportErrorFormatException ? exception : Exhausted(exception, budget);
                    }

                    budget.Spend(exception, args.RetryDelay);
                    HubSpotMetrics.Retried(exception, args.RetryDelay);
                    LogRetry(logger, Untrusted.Message(Describe(exception)), args.AttemptNumber + 1, args.RetryDelay.TotalSeconds);
                    return ValueTask.CompletedTask;
                },
            })
            .AddStrategy(_ => new HubSpotPermitStrategy(limiter, time))
            .AddTimeout(options.AttemptTimeout)
            .Build();

    private static bool IsTransient(Exception? exception, CancellationToken cancellationToken) => exception switch
    {
        null => false,
        OperationCanceledException when cancellationToken.IsCancellationRequested => false,
        ImportErrorFormatException { ExceedsLimit: true } => false,
        // A body that cannot be decompressed arrives as an IOException (HubSpotBodyStream), like a cut one.
        HubSpotTransientException or HttpRequestException or IOException or TimeoutRejectedException or ImportErrorFormatException => true,
        _ => false,
    };

    private static HubSpotApiException Exhausted(Exception last, RetryBudget budget) => last is HubSpotTransientException { RateLimited: true } limited
        ? new HubSpotApiException(HubSpotFailure.RateLimitExhausted, limited.StatusCode, $"Still rate-limited by HubSpot after waiting {budget.Waited.TotalSeconds:F0} s in total; another app may be spending this account's burst budget.", last)
        : new HubSpotApiException(HubSpotFailure.RetriesExhausted, (last as HubSpotTransientException)?.StatusCode, $"HubSpot kept failing after {budget.TransientRetries} retries and {budget.Waited.TotalSeconds:F0} s of waiting: {Describe(last)}", last);

    private static string Describe(Exception exception) => exception switch
    {
        HubSpotTransientException transient => transient.Message,
        TimeoutRejectedException => "the attempt timed out.",
        ImportErrorFormatException format => "the body was malformed or cut off: " + format.Reason,
        _ => $"{exception.GetType().Name}: {exception.Message}",
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "HubSpot request failed ({Reason}); retry {Attempt} in {DelaySeconds:F1} s.")]
    private static partial void LogRetry(ILogger logger, Untrusted reason, int attempt, double delaySeconds);
}
