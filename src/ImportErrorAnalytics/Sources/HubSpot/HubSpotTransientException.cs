using System.Net;

namespace ImportErrorAnalytics.Sources.HubSpot;

/// <summary>
/// A response worth retrying: 429 (ten-secondly), 423, 477, 5xx, or a success whose body cannot be used (see
/// <see cref="Unusable"/>). Carries the wait HubSpot asked for.
/// </summary>
internal sealed class HubSpotTransientException(HttpStatusCode statusCode, bool rateLimited, TimeSpan? retryAfter, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public HttpStatusCode StatusCode { get; } = statusCode;

    /// <summary>True for 429: waits for it are bounded by total time, not by a count.</summary>
    public bool RateLimited { get; } = rateLimited;

    public TimeSpan? RetryAfter { get; } = retryAfter;

    /// <summary>
    /// A 200 whose body is not what the endpoint returns (not JSON, or JSON of another shape): retried like a cut body,
    /// since a proxy or a half-sent response can cause it; once the retries are spent it is a
    /// <see cref="HubSpotFailure.RetriesExhausted"/> failure whose message says what was wrong and where.
    /// </summary>
    /// <param name="what">What was read, e.g. "the import's description".</param>
    /// <param name="uri">Where it was read from (holds no secret).</param>
    /// <param name="problem">What is wrong with it.</param>
    /// <param name="inner">The parser's error, if any.</param>
    public static HubSpotTransientException Unusable(string what, Uri uri, string problem, Exception? inner = null) =>
        new(HttpStatusCode.OK, rateLimited: false, retryAfter: null, $"{what} from {uri} cannot be used: {problem}", inner);
}
