using ImportErrorAnalytics.HubSpot;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers ImportErrorAnalytics in a service collection.</summary>
public static class ImportErrorAnalyticsServiceCollectionExtensions
{
    /// <summary>The name of the HttpClient the HubSpot source uses (configure it with <c>AddHttpClient(name)</c>).</summary>
    public const string HttpClientName = "ImportErrorAnalytics.HubSpot";

    /// <summary>
    /// Adds <see cref="IImportErrorAnalyzerFactory"/>, a named HttpClient for HubSpot (no client-side timeout: each
    /// attempt has its own), the HubSpot rate limiters the analyzers it builds share (one per base address, token,
    /// budget and clock, disposed with the container), and <see cref="TimeProvider.System"/> unless a TimeProvider is
    /// registered.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configureHubSpot">Defaults for every HubSpot import read (token, base address, rate limit...).</param>
    public static IServiceCollection AddImportErrorAnalytics(this IServiceCollection services, Action<HubSpotSourceOptions>? configureHubSpot = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddHttpClient(HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(new HubSpotDefaults(configureHubSpot));
        services.TryAddSingleton<HubSpotRateLimiters>();
        services.TryAddSingleton<IImportErrorAnalyzerFactory, ImportErrorAnalyzerFactory>();
        return services;
    }
}
