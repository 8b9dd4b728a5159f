using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ImportErrorAnalytics.Sources.HubSpot;

/// <summary>
/// Lists the account's imports (<c>GET /crm/imports/2026-03</c>, following <c>paging.next.after</c> to the last page),
/// through the same rate limiter and retries as the errors: with equal base address, token and budget, the limiter is
/// the one <see cref="Pipeline.ImportErrorAnalyzerBuilder.AddHubSpotImports"/> then uses.
/// </summary>
public static class HubSpotImportList
{
    /// <summary>Reads every page of the account's imports, in the order HubSpot lists them.</summary>
    /// <param name="configure">Sets the base address, token and limits (<see cref="HubSpotSourceOptions.ImportId"/> is not used).</param>
    /// <param name="createdSince">
    /// When set, keeps only imports whose <c>createdAt</c> is at or after it (HubSpot has no such filter, so every page is
    /// still read); an import without a readable <c>createdAt</c> is then left out.
    /// </param>
    /// <param name="httpClient">The client to send with; a shared pooled one when <see langword="null"/>.</param>
    /// <param name="loggerFactory">Where retries are logged; nowhere when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops the listing.</param>
    /// <returns>The imports.</returns>
    /// <exception cref="HubSpotApiException">
    /// HubSpot refused (401, 403, daily limit), or kept failing past the retries; a page that is not a list of imports
    /// (not JSON, another shape, an entry without an id) counts as a failure, so it ends as
    /// <see cref="HubSpotFailure.RetriesExhausted"/>.
    /// </exception>
    public static async Task<IReadOnlyList<HubSpotImport>> ListAsync(
        Action<HubSpotSourceOptions> configure,
        DateTimeOffset? createdSince = null,
        HttpClient? httpClient = null,
        ILoggerFactory? loggerFactory = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var options = new HubSpotSourceOptions();
        configure(options);
        options.ValidateConnection();
        var token = options.AccessToken ?? HubSpotAccessToken.FromEnvironment();
        var time = TimeProvider.System;
        var logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("ImportErrorAnalytics.HubSpot");
        var client = new HubSpotClient(httpClient ?? HubSpotHttp.Shared, options, token, time);
        var limiter = HubSpotRateLimiters.For(options, token, time);
        var pipeline = HubSpotResilience.Create(options, limiter, time, logger);

        var imports = new List<HubSpotImport>();
        string? after = null;
        do
        {
            var cursor = after;
            var page = await HubSpotRequests.ExecuteAsync(
                pipeline,
                options,
                ct => ReadPageAsync(client, client.ImportsUri(cursor), ct),
                cancellationToken).ConfigureAwait(false);
            imports.AddRange(createdSince is { } since ? page.Imports.Where(import => CreatedAt(import) >= since) : page.Imports);
            after = page.NextAfter;
        }
        while (after is not null);

        return imports;
    }

    private static async Task<(List<HubSpotImport> Imports, string? NextAfter)> ReadPageAsync(HubSpotClient client, Uri uri, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync(uri, cancellationToken).ConfigureAwait(false);
        var stream = await HubSpotClient.ReadBodyAsync(response, cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            try
            {
                using var json = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
                return ReadPage(json.RootElement);
            }
            catch (JsonException ex)
            {
                throw HubSpotTransientException.Unusable("the list of imports", uri, $"it is not valid JSON ({ex.Message})", ex);
            }
            catch (InvalidOperationException ex)
            {
                // JsonDocument leaves strings unchecked until they are read: invalid UTF-8 in one shows up here.
                throw HubSpotTransientException.Unusable("the list of imports", uri, ex.Message, ex);
            }
            catch (FormatException ex)
            {
                throw HubSpotTransientException.Unusable("the list of imports", uri, ex.Message, ex);
            }
        }
    }

    /// <summary>The imports of one page of the list and its next cursor.</summary>
    /// <exception cref="FormatException">The page is not shaped as HubSpot sends it: every entry must be an import with an id.</exception>
    private static (List<HubSpotImport> Imports, string? NextAfter) ReadPage(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"it is {HubSpotImport.Describe(root.ValueKind)}, not a JSON object.");
        }

        if (!root.TryGetProperty("results", out var results) || results.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException("it has no 'results' array.");
        }

        var imports = new List<HubSpotImport>();
        var entry = 0;
        foreach (var item in results.EnumerateArray())
        {
            entry++;
            if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String
                || string.IsNullOrWhiteSpace(id.GetString()))
            {
                // An entry that names no import cannot be read, and leaving it out would drop an import from the run unseen.
                throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"entry {entry} of 'results' is not an import with a string 'id'."));
            }

            imports.Add(HubSpotImport.Parse(item, id.GetString()!));
        }

        return (imports, NextAfter(root));
    }

    /// <summary><c>paging.next.after</c>; <see langword="null"/> on the last page. Paging of another shape is refused rather than read as the end.</summary>
    /// <exception cref="FormatException">'paging', 'next' or 'after' is of another type.</exception>
    private static string? NextAfter(JsonElement root)
    {
        if (!root.TryGetProperty("paging", out var paging) || paging.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (paging.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"'paging' is {HubSpotImport.Describe(paging.ValueKind)}, not an object.");
        }

        if (!paging.TryGetProperty("next", out var next) || next.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (next.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"'paging.next' is {HubSpotImport.Describe(next.ValueKind)}, not an object.");
        }

        if (!next.TryGetProperty("after", out var after) || after.ValueKind != JsonValueKind.String)
        {
            throw new FormatException("'paging.next' has no string 'after'.");
        }

        return after.GetString() is { Length: > 0 } text ? text : null;
    }

    private static DateTimeOffset? CreatedAt(HubSpotImport import) =>
        DateTimeOffset.TryParse(import.CreatedAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var created) ? created : null;
}
