using ImportErrorAnalytics.Model;
using System.Globalization;
using System.Text.Json;
using ImportErrorAnalytics.Parsing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ImportErrorAnalytics.HubSpot;

/// <summary>
/// Lists the account's imports (<c>GET /crm/imports/2026-03</c>, following <c>paging.next.after</c> to the last page),
/// through the same retries as the errors, and the rate limiter <see cref="HubSpotSourceOptions.RateLimiter"/> gives
/// (pass the same one to <see cref="HubSpotBuilderExtensions.AddHubSpotImports"/> to keep the listing and the run under
/// one budget); without one, a limiter of the listing's own, disposed when it ends.
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
    /// HubSpot refused (401, 403, daily limit), kept failing past the retries, or answered against its API
    /// (<see cref="HubSpotFailure.InvalidResponse"/>: a page of the wrong shape (an entry without a string <c>id</c> in
    /// HubSpot's canonical spelling, see <see cref="HubSpotImportIds"/>) or over 16 MiB, a paging cursor that
    /// is empty or was given before, more than 10,000 pages).
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
        using var owned = options.RateLimiter is null ? HubSpotRateLimiters.Create(options.RequestsPerTenSeconds, time) : null;
        var limiter = options.RateLimiter ?? owned!;
        var pipeline = HubSpotResilience.Create(options, limiter, time, logger);

        var imports = new List<HubSpotImport>();
        var cursors = new PagingCursors("the list of imports");
        string? after = null;
        var pageNumber = 0;
        do
        {
            if (++pageNumber > options.MaxImportListPages)
            {
                throw new HubSpotApiException(
                    HubSpotFailure.InvalidResponse,
                    null,
                    $"HubSpot's list of imports goes on past {options.MaxImportListPages} pages; the listing stopped there.");
            }

            var (cursor, number) = (after, pageNumber);
            (List<HubSpotImport> Imports, string? NextAfter) page;
            try
            {
                page = await HubSpotRequests.ExecuteAsync(
                    pipeline,
                    options,
                    client.ImportsRoute,
                    ct => ReadPageAsync(client, client.ImportsUri(cursor), number, ct),
                    cancellationToken).ConfigureAwait(false);
            }
            catch (ImportErrorFormatException ex)
            {
                throw HubSpotJsonBody.Invalid("the list of imports", ex);
            }

            cursors.Accept(page.NextAfter, pageNumber);
            imports.AddRange(createdSince is { } since ? page.Imports.Where(import => CreatedAt(import) >= since) : page.Imports);
            after = page.NextAfter;
        }
        while (after is not null);

        return imports;
    }

    private static async Task<(List<HubSpotImport> Imports, string? NextAfter)> ReadPageAsync(HubSpotClient client, Uri uri, int pageNumber, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync(uri, cancellationToken).ConfigureAwait(false);
        var source = uri.ToString();
        using var json = await HubSpotJsonBody.ReadAsync(response, source, pageNumber, HubSpotJsonBody.MaxImportListPageBytes, cancellationToken).ConfigureAwait(false);
        try
        {
            return ReadPage(json.RootElement);
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException)
        {
            // InvalidOperationException: JsonDocument checks a string's UTF-8 only when it is read.
            throw HubSpotJsonBody.WrongShape("the list of imports", source, pageNumber, ex.Message);
        }
    }

    /// <summary>The imports of one page of the list and its next cursor.</summary>
    /// <exception cref="FormatException">The page is not shaped as HubSpot sends it: every entry must be an import with a canonical id.</exception>
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
            if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String)
            {
                // An entry that names no import cannot be read, and leaving it out would drop an import from the run unseen.
                throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"entry {entry} of 'results' is not an import with a string 'id'."));
            }

            var text = id.GetString()!;
            if (!HubSpotImportIds.IsCanonical(text))
            {
                // HubSpot writes its int64 ids in one spelling: another would key the import apart from itself.
                throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"entry {entry} of 'results' has the id {HubSpotImport.NotCanonical(text)}"));
            }

            imports.Add(HubSpotImport.Parse(item, text));
        }

        return (imports, NextAfter(root));
    }

    /// <summary>
    /// <c>paging.next.after</c>: <see langword="null"/> when there is no <c>paging</c> or <c>paging.next</c> (or they are
    /// <c>null</c>: the last page). Paging of another shape is refused rather than read as the end; an empty cursor is
    /// returned as it is, for <see cref="PagingCursors"/> to refuse.
    /// </summary>
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

        return after.GetString();
    }

    private static DateTimeOffset? CreatedAt(HubSpotImport import) =>
        DateTimeOffset.TryParse(import.CreatedAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var created) ? created : null;
}
