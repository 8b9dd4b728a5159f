using System.Globalization;
using System.Buffers;
using System.Text.Json;
using ImportErrorAnalytics.Parsing;

namespace ImportErrorAnalytics.HubSpot;

/// <summary>
/// The small JSON answers of the API (an import's description, a page of the list of imports), read whole, within a
/// byte limit counted after decompression. A body that is not JSON is an <see cref="ImportErrorFormatException"/>
/// naming the URL and byte offset, retried like a malformed page (a cut or a proxy's page may not come again); one over
/// the limit is not retried; the caller reports either as <see cref="HubSpotFailure.InvalidResponse"/>. JSON of the
/// wrong shape is that failure at once: asking again gives the same answer.
/// </summary>
internal static class HubSpotJsonBody
{
    /// <summary>An import's description: an id, a name, a state, two dates, a few counters and file ids; kilobytes.</summary>
    public const int MaxImportBytes = 1024 * 1024;

    /// <summary>A page of the list of imports: at most hundreds of imports of a kilobyte or two each.</summary>
    public const int MaxImportListPageBytes = 16 * 1024 * 1024;

    /// <summary>Pages of the list of imports read at most (100,000 imports at HubSpot's 10 a page, a million at 100).</summary>
    public const int MaxImportListPages = 10_000;

    /// <summary>Reads the body as one JSON document.</summary>
    /// <param name="response">A successful response.</param>
    /// <param name="source">The URL, named in errors.</param>
    /// <param name="pageNumber">The page of a paged listing (1 otherwise), named in errors.</param>
    /// <param name="maxBytes">The most bytes the body may have.</param>
    /// <param name="cancellationToken">Stops reading.</param>
    /// <exception cref="ImportErrorFormatException">The body is larger than <paramref name="maxBytes"/>, or not JSON.</exception>
    public static async Task<JsonDocument> ReadAsync(HttpResponseMessage response, string source, int pageNumber, int maxBytes, CancellationToken cancellationToken)
    {
        var body = new ArrayBufferWriter<byte>(4096);
        var stream = await HubSpotClient.ReadBodyAsync(response, cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            int read;
            do
            {
                read = await stream.ReadAsync(body.GetMemory(4096), cancellationToken).ConfigureAwait(false);
                body.Advance(read);
                if (body.WrittenCount > maxBytes)
                {
                    throw new ImportErrorFormatException(source, "response", pageNumber, maxBytes, 0, $"it is larger than the maximum of {maxBytes} bytes.")
                    {
                        ExceedsLimit = true,
                    };
                }
            }
            while (read > 0);
        }

        try
        {
            return JsonDocument.Parse(body.WrittenMemory);
        }
        catch (JsonException ex)
        {
            throw new ImportErrorFormatException(source, "response", pageNumber, ErrorOffset(body.WrittenSpan), 0, "it is not valid JSON.", ex);
        }
    }

    /// <summary>JSON of a shape the API does not document (not retried).</summary>
    /// <param name="what">What was read, e.g. "the import's description".</param>
    /// <param name="source">The URL it was read from (holds no secret).</param>
    /// <param name="pageNumber">The page of a paged listing, named when above 1.</param>
    /// <param name="problem">What is wrong with it, a sentence without its full stop.</param>
    public static HubSpotApiException WrongShape(string what, string source, int pageNumber, string problem) =>
        new(HubSpotFailure.InvalidResponse, null, $"HubSpot's answer is not what its API documents: {what} from {source}{Page(pageNumber)} cannot be used: {problem.TrimEnd('.')}.");

    /// <summary>
    /// Wraps a body problem left after the retries: HubSpot answered against its API (exit code 8 in <c>iea</c>), not
    /// malformed import-error data.
    /// </summary>
    /// <param name="what">What was read, e.g. "the list of imports".</param>
    /// <param name="error">The body's problem, naming its URL, page and byte offset.</param>
    public static HubSpotApiException Invalid(string what, ImportErrorFormatException error) =>
        new(
            HubSpotFailure.InvalidResponse,
            null,
            string.Create(CultureInfo.InvariantCulture, $"HubSpot's answer is not what its API documents: {what} from {error.SourceName}{Page(error.PageNumber)} cannot be used: {error.Reason.TrimEnd('.')} (at byte {error.ByteOffset})."),
            error);

    private static string Page(int pageNumber) => pageNumber > 1 ? string.Create(CultureInfo.InvariantCulture, $" (page {pageNumber})") : "";

    /// <summary>Where the JSON reader stops on the body.</summary>
    private static long ErrorOffset(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        try
        {
            while (reader.Read())
            {
            }
        }
        catch (JsonException)
        {
            // The reader stops where the error is.
        }

        return reader.BytesConsumed;
    }
}
