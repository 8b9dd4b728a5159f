using ImportErrorAnalytics.Model;
using ImportErrorAnalytics.Pipeline;
using Microsoft.Extensions.Logging;
using Polly;

namespace ImportErrorAnalytics.HubSpot;

/// <summary>Adds imports read from the HubSpot API to an <see cref="ImportErrorAnalyzerBuilder"/>.</summary>
public static class HubSpotBuilderExtensions
{
    /// <summary>
    /// Adds an import's errors read from the HubSpot API, page by page, with retries, rate limiting and (with
    /// <see cref="ImportErrorAnalyzerBuilder.WithCheckpoint"/>) resume. The import itself is read too, into the report's <c>sources</c>.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Sets the import id (read by its canonical spelling, see <see cref="HubSpotImportIds"/>), base address, token and limits.</param>
    /// <param name="httpClient">The client to send with (from <c>IHttpClientFactory</c>, say); a shared pooled one when <see langword="null"/>.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentException">At <see cref="ImportErrorAnalyzerBuilder.Build"/>: an option is out of range, or the import id is not one (the message quotes it).</exception>
    /// <exception cref="HubSpotApiException">At <see cref="ImportErrorAnalyzerBuilder.Build"/>: no token was given and <c>HUBSPOT_ACCESS_TOKEN</c> is unset.</exception>
    public static ImportErrorAnalyzerBuilder AddHubSpotImport(this ImportErrorAnalyzerBuilder builder, Action<HubSpotSourceOptions> configure, HttpClient? httpClient = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new HubSpotSourceOptions();
        configure(options);
        return builder.AddSource(resources =>
        {
            options.Validate();
            var token = options.AccessToken ?? HubSpotAccessToken.FromEnvironment();
            var time = builder.Options.TimeProvider;
            var logger = builder.LoggerFactory.CreateLogger("ImportErrorAnalytics.HubSpot");
            var client = new HubSpotClient(httpClient ?? HubSpotHttp.Shared, options, token, time);
            var limiter = Limiters(builder, resources).For(options, token, time);
            return new HubSpotErrorSource(client, options, HubSpotResilience.Create(options, limiter, time, logger), logger);
        });
    }

    /// <summary>
    /// Adds several imports' errors read from the HubSpot API, as <see cref="AddHubSpotImport"/> does for one, with one
    /// token, one rate limiter and one retry pipeline shared by all of them. Run them with
    /// <see cref="ImportErrorAnalyzer.RunPerImportAsync"/> (a report per import, read concurrently, and a combined one)
    /// or <see cref="ImportErrorAnalyzer.RunAsync"/> (one report over all).
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="importIds">
    /// The imports, in the order their reports and combined rows are listed. Each is read by its canonical spelling
    /// (see <see cref="HubSpotImportIds"/>): ids that name one import (<c>"1"</c>, <c>"01"</c>) are read once, at the
    /// place of the first.
    /// </param>
    /// <param name="configure">Sets the base address, token and limits of every import (<see cref="HubSpotSourceOptions.ImportId"/> is set per import).</param>
    /// <param name="httpClient">The client to send with; a shared pooled one when <see langword="null"/>.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentException">An import id is not one (the message quotes it).</exception>
    /// <exception cref="HubSpotApiException">At <see cref="ImportErrorAnalyzerBuilder.Build"/>: no token was given and <c>HUBSPOT_ACCESS_TOKEN</c> is unset.</exception>
    public static ImportErrorAnalyzerBuilder AddHubSpotImports(this ImportErrorAnalyzerBuilder builder, IEnumerable<string> importIds, Action<HubSpotSourceOptions> configure, HttpClient? httpClient = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(importIds);
        ArgumentNullException.ThrowIfNull(configure);
        var ids = importIds.Select(id => HubSpotImportIds.Canonicalize(id, nameof(importIds))).Distinct(StringComparer.Ordinal).ToList();

        var template = new HubSpotSourceOptions();
        configure(template);
        // What these imports share is made once per analyzer built (kept in its resources under this call's key).
        var key = new object();
        foreach (var id in ids)
        {
            builder.AddSource(resources =>
            {
                var options = template.CopyFor(id);
                options.Validate();
                var shared = resources.GetOrAdd(key, () => SharedConnection.Create(template, httpClient, builder.Options.TimeProvider, Limiters(builder, resources), builder.LoggerFactory.CreateLogger("ImportErrorAnalytics.HubSpot")));
                var client = new HubSpotClient(shared.Http, options, shared.Token, shared.Time);
                return new HubSpotErrorSource(client, options, shared.Pipeline, shared.Logger);
            });
        }

        return builder;
    }

    /// <summary>The limiters the builder was given (a DI container's), else the new analyzer's own.</summary>
    private static HubSpotRateLimiters Limiters(ImportErrorAnalyzerBuilder builder, AnalyzerResources resources) =>
        builder.Provided<HubSpotRateLimiters>() ?? resources.GetOrAdd(typeof(HubSpotRateLimiters), () => new HubSpotRateLimiters());

    /// <summary>What the imports of one <see cref="AddHubSpotImports"/> share.</summary>
    private sealed record SharedConnection(HttpClient Http, HubSpotAccessToken Token, TimeProvider Time, ResiliencePipeline Pipeline, ILogger Logger)
    {
        public static SharedConnection Create(HubSpotSourceOptions options, HttpClient? http, TimeProvider time, HubSpotRateLimiters limiters, ILogger logger)
        {
            var token = options.AccessToken ?? HubSpotAccessToken.FromEnvironment();
            return new(http ?? HubSpotHttp.Shared, token, time, HubSpotResilience.Create(options, limiters.For(options, token, time), time, logger), logger);
        }
    }
}
