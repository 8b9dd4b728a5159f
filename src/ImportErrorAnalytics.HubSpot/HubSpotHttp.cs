using System.Net;

namespace ImportErrorAnalytics.HubSpot;

/// <summary>The HttpClient used when the caller supplies none: pooled connections that follow DNS changes.</summary>
internal static class HubSpotHttp
{
    private static readonly Lazy<HttpClient> Default = new(() => new HttpClient(
        new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AutomaticDecompression = DecompressionMethods.All,
            ConnectTimeout = TimeSpan.FromSeconds(15),
        })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    });

    public static HttpClient Shared => Default.Value;
}
