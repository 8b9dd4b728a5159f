using ImportErrorAnalytics.Pipeline;
using ImportErrorAnalytics.Sources.HubSpot;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ImportErrorAnalytics.DependencyInjection;

/// <summary>The container's <see cref="IImportErrorAnalyzerFactory"/>.</summary>
internal sealed class ImportErrorAnalyzerFactory(
    IHttpClientFactory httpClients, TimeProvider time, HubSpotDefaults defaults, ILoggerFactory? loggers = null) : IImportErrorAnalyzerFactory
{
    public ImportErrorAnalyzerBuilder CreateBuilder() =>
        ImportErrorAnalyzer.CreateBuilder()
            .Configure(options => options.TimeProvider = time)
            .WithLogging(loggers ?? NullLoggerFactory.Instance);

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
