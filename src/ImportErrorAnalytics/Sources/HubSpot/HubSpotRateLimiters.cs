using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;

namespace ImportErrorAnalytics.Sources.HubSpot;

/// <summary>
/// One sliding-window limiter (N requests per rolling 10 s) per base address, token and budget, shared by every run
/// in the process. Its window moves on a <see cref="TimeProvider"/> timer, so tests can drive it with fake time.
/// </summary>
internal static class HubSpotRateLimiters
{
    private const int Segments = 10;
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(10);
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

    public static RateLimiter Create(int requestsPerTenSeconds, TimeProvider time)
    {
        var limiter = new SlidingWindowRateLimiter(new SlidingWindowRateLimiterOptions
        {
            PermitLimit = requestsPerTenSeconds,
            Window = Window,
            SegmentsPerWindow = Segments,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = false,
        });
        var period = Window / Segments;
        var timer = time.CreateTimer(static state => ((SlidingWindowRateLimiter)state!).TryReplenish(), limiter, period, period);
        Timers.Add(limiter, timer);
        return limiter;
    }

    private static string Fingerprint(HubSpotAccessToken token) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token.Value)), 0, 8);

    /// <summary>Keeps each limiter's timer alive as long as the limiter.</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<RateLimiter, ITimer> Timers = [];
}
