using ImportErrorAnalytics.Sources.HubSpot;
using Microsoft.Extensions.Logging;
using Polly;

namespace ImportErrorAnalytics.Pipeline;

/// <summary>Several HubSpot imports under one rate limiter.</summary>
public sealed partial class ImportErrorAnalyzerBuilder
{
    /// <summary>
    /// Adds several imports' errors read from the HubSpot API, as <see cref="AddHubSpotImport"/> does for one, with one
    /// token, one rate limiter and one retry pipeline shared by all of them. Run them with
    /// <see cref="ImportErrorAnalyzer.RunPerImportAsync"/> (a report per import, read concurrently, and a combined one)
    /// or <see cref="ImportErrorAnalyzer.RunAsync"/> (one report over all).
    /// </summary>
    /// <param name="importIds">
    /// The imports, in the order their reports and combined rows are listed. Each is read by its canonical spelling
    /// (see <see cref="HubSpotImportIds"/>): ids that name one import (<c>"1"</c>, <c>"01"</c>) are read once, at the
    /// place of the first.
    /// </param>
    /// <param name="configure">Sets the base address, token and limits of every import (<see cref="HubSpotSourceOptions.ImportId"/> is set per import).</param>
    /// <param name="httpClient">The client to send with; a shared pooled one when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">An import id is not one (the message quotes it).</exception>
    /// <exception cref="HubSpotApiException">At <see cref="Build"/>: no token was given and <c>HUBSPOT_ACCESS_TOKEN</c> is unset.</exception>
    public ImportErrorAnalyzerBuilder AddHubSpotImports(IEnumerable<string> importIds, Action<HubSpotSourceOptions> configure, HttpClient? httpClient = null)
    {
        ArgumentNullException.ThrowIfNull(importIds);
        ArgumentNullException.ThrowIfNull(configure);
        var ids = importIds.Select(id => HubSpotImportIds.Canonicalize(id, nameof(importIds))).Distinct(StringComparer.Ordinal).ToList();

        var template = new HubSpotSourceOptions();
        configure(template);
        SharedConnection? shared = null;
        foreach (var id in ids)
        {
            _sources.Add(() =>
            {
                var options = template.CopyFor(id);
                options.Validate();
                shared ??= SharedConnection.Create(template, httpClient, Options.TimeProvider, _loggers.CreateLogger("ImportErrorAnalytics.HubSpot"));
                var client = new HubSpotClient(shared.Http, options, shared.Token, shared.Time);
                return new HubSpotErrorSource(client, options, shared.Pipeline, shared.Logger);
            });
        }

        return this;
    }

    /// <summary>What the imports of one <see cref="AddHubSpotImports"/> share.</summary>
    private sealed record SharedConnection(HttpClient Http, HubSpotAccessToken Token, TimeProvider Time, ResiliencePipeline Pipeline, ILogger Logger)
    {
        public static SharedConnection Create(HubSpotSourceOptions options, HttpClient? http, TimeProvider time, ILogger logger)
        {
            var token = options.AccessToken ?? HubSpotAccessToken.FromEnvironment();
            return new(http ?? HubSpotHttp.Shared, token, time, HubSpotResilience.Create(options, HubSpotRateLimiters.For(options, token, time), time, logger), logger);
        }
    }
}
