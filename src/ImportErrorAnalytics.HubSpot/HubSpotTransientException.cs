using System.Net;

namespace ImportErrorAnalytics.HubSpot;

/// <summary>A response worth retrying: 429 (ten-secondly), 423, 477, 5xx. Carries the wait HubSpot asked for.</summary>
internal sealed class HubSpotTransientException(HttpStatusCode statusCode, bool rateLimited, TimeSpan? retryAfter, string message) : Exception(message)
{
    public HttpStatusCode StatusCode { get; } = statusCode;

    /// <summary>True for 429: waits for it are bounded by total time, not by a count.</summary>
    public bool RateLimited { get; } = rateLimited;

    public TimeSpan? RetryAfter { get; } = retryAfter;
}
