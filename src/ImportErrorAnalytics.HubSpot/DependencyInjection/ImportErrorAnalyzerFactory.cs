using ImportErrorAnalytics.Model;
using ImportErrorAnalytics.Pipeline;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ImportErrorAnalytics.HubSpot;

/// <summary>The container's <see cref="IImportErrorAnalyzerFactory"/>.</summary>
internal sealed class ImportErrorAnalyzerFactory(
    IHttpClientFactory httpClients, TimeProvider time, HubSpotDefaults defaults, HubSpotRateLimiters limiters, ILoggerFactory? loggers = null) : IImportErrorAnalyzerFactory
{
    /// <remarks>The analyzers it builds share the container's rate limiters (disposed with the container), not each its own.</remarks>
    public ImportErrorAnalyzerBuilder CreateBuilder() =>
        ImportErrorAnalyzer.CreateBuilder()
            .Configure(options => options.TimeProvider = time)
            .WithLogging(loggers ?? NullLoggerFactory.Instance)
            .Provide(limiters);

    public ImportErrorAnalyzerBuilder CreateBuilderForImport(string importId)
    {
        importId = HubSpotImportIds.Canonicalize(importId, nameof(importId));
        return CreateBuilder().AddHubSpotImport(
            options =>
            {
                defaults.Configure?.Invoke(options);
                options.ImportId = importId;
            },
            httpClients.CreateClient(Microsoft.Extensions.DependencyInjection.ImportErrorAnalyticsServiceCollectionExtensions.HttpClientName));
    }
}

/// <summary>The HubSpot defaults given to <c>AddImportErrorAnalytics</c>.</summary>
internal sealed record HubSpotDefaults(Action<HubSpotSourceOptions>? Configure);
