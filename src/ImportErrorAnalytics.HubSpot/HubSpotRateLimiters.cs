using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;

namespace ImportErrorAnalytics.HubSpot;

/// <summary>
/// The rate limiters (N requests per rolling 10 s) of one owner, one per base address, token, budget and
/// <see cref="TimeProvider"/>: the imports of one analyzer share them, and so do the analyzers of one DI container
/// (it registers one registry as a singleton and disposes it with itself). Nothing is shared between owners, and a
/// limiter waits on the clock it was made for only. Disposing the registry disposes its limiters.
/// </summary>
internal sealed class HubSpotRateLimiters : IDisposable
{
    /// <summary>
    /// HubSpot's 10 s, plus a margin: HubSpot counts requests as they arrive, and network jitter can move a request
    /// granted just after the window closed to just inside it.
    /// </summary>
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(10.25);

    /// <summary>Keyed by the clock too (by reference): runs on different clocks never wait on each other's windows.</summary>
    private readonly ConcurrentDictionary<(TimeProvider Time, string Key), Lazy<RateLimiter>> _limiters = new();
    private volatile bool _disposed;

    /// <summary>The limiter of <paramref name="options"/>' base address and budget, <paramref name="token"/> and <paramref name="time"/>: the one the options supply, else this registry's.</summary>
    /// <exception cref="ObjectDisposedException">The registry was disposed (and the options supply no limiter).</exception>
    public RateLimiter For(HubSpotSourceOptions options, HubSpotAccessToken token, TimeProvider time)
    {
        if (options.RateLimiter is { } supplied)
        {
            return supplied;
        }

        ObjectDisposedException.ThrowIf(_disposed, this);
        var key = $"{options.BaseAddress}|{Fingerprint(token)}|{options.RequestsPerTenSeconds}";
        var limiter = _limiters.GetOrAdd((time, key), _ => new Lazy<RateLimiter>(() => Create(options.RequestsPerTenSeconds, time))).Value;
        // Disposed meanwhile: the limiter may have been added after the sweep.
        if (_disposed)
        {
            Dispose();
            ObjectDisposedException.ThrowIf(true, this);
        }

        return limiter;
    }

    /// <summary>A limiter of its own, owned by the caller.</summary>
    public static RateLimiter Create(int requestsPerTenSeconds, TimeProvider time) =>
        new RollingWindowRateLimiter(requestsPerTenSeconds, Window, time);

    /// <summary>How many limiters it holds (tests).</summary>
    internal int Count => _limiters.Count;

    public void Dispose()
    {
        _disposed = true;
        foreach (var key in _limiters.Keys)
        {
            if (_limiters.TryRemove(key, out var limiter) && limiter.IsValueCreated)
            {
                limiter.Value.Dispose();
            }
        }
    }

    private static string Fingerprint(HubSpotAccessToken token) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token.Value)), 0, 8);
}
