using System.Net;

namespace ImportErrorAnalytics.HubSpot;

/// <summary>
/// The HttpClient used when the caller supplies none: pooled connections that follow DNS changes. It is shared by
/// every analyzer in the process on purpose, and holds no state of theirs: no base address, headers, timeout or
/// cookies are set on it (each request carries its own URI and token, each attempt its own timeout), so a run can
/// neither see nor change what another run sends. Only the connection pool is shared, as .NET's guidance for
/// <see cref="HttpClient"/> asks: a client per analyzer would open (and leave in TIME_WAIT) new connections for every
/// analyzer built. It is never disposed (it lives as long as the process); an application that wants the pool owned
/// passes its own client (or uses <c>AddImportErrorAnalytics</c>, whose clients come from IHttpClientFactory).
/// </summary>
internal static class HubSpotHttp
{
    private static readonly Lazy<HttpClient> Default = new(() => new HttpClient(
        new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AutomaticDecompression = DecompressionMethods.All,
            ConnectTimeout = TimeSpan.FromSeconds(15),
            // A cookie container would carry what one account's responses set (a CDN's cookies) into every other
            // analyzer's requests: the one piece of state a shared handler keeps by default.
            UseCookies = false,
        })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    });

    public static HttpClient Shared => Default.Value;
}
