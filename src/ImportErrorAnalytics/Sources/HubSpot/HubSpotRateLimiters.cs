using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;

namespace ImportErrorAnalytics.Sources.HubSpot;

/// <summary>
/// One limiter (N requests per rolling 10 s) per base address, token and budget, shared by every run in the process.
/// It waits on a <see cref="TimeProvider"/>, so tests can drive it with fake time.
/// </summary>
internal static class HubSpotRateLimiters
{
    /// <summary>
    /// HubSpot's 10 s, plus a margin: HubSpot counts requests as they arrive, and network jitter can move a request
    /// granted just after the window closed to just inside it.
    /// </summary>
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(10.25);
    private static readonly ConcurrentDictionary<string, Lazy<RateLimiter>> Shared = new(StringComparer.Ordinal);

    public static RateLimiter For(HubSpotSourceOptions options, HubSpotAccessToken token, TimeProvider time)
    {
        if (options.RateLimiter is { } supplied)
        {
            return supplied;
        }

        var key = $"{options.BaseAddress}|{Fingerprint(token)}|{options.RequestsPerTenSeconds}";
        return Shared.GetOrAdd(key, _ => new Lazy<RateLimiter>(() => Create(options.RequestsPerTenSeconds, time))).Value;
    }

    public static RateLimiter Create(int requestsPerTenSeconds, TimeProvider time) =>
        new RollingWindowRateLimiter(requestsPerTenSeconds, Window, time);

    private static string Fingerprint(HubSpotAccessToken token) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token.Value)), 0, 8);
}
