using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using System.Text.Json;
using ImportErrorAnalytics.Parsing;
using Microsoft.Extensions.Logging;
using Polly;
using ImportErrorAnalytics.Escaping;

namespace ImportErrorAnalytics.Sources.HubSpot;

/// <summary>
/// An import's errors, page by page, from the HubSpot API: each page's body is parsed while it downloads, retried from
/// the same cursor until it parsed completely, and only then handed on.
/// </summary>
internal sealed partial class HubSpotErrorSource(
    HubSpotClient client, HubSpotSourceOptions options, ResiliencePipeline pipeline, ILogger logger) : ErrorSource
{
    public override string Name => client.ErrorsUri(null).ToString();

    /// <summary>The import, once the run has read it.</summary>
    public HubSpotImport? Import { get; private set; }

    /// <summary>Where a resumed run starts: the cursor after the last committed page, and that page's index + 1.</summary>
    public (string? After, int PageIndex) Start { get; set; }

    public string ImportId => options.ImportId;

    public Uri BaseAddress => options.BaseAddress;

    /// <summary>
    /// The ordinal its records' positions carry, when not the run's input ordinal: each import of a multi-import run is
    /// read by its own run, and its place among the imports decides which column property name is seen first.
    /// </summary>
    public int? Ordinal { get; set; }

    public override async IAsyncEnumerable<ImportErrorPage> ReadPagesAsync(ReadContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Import = await ExecuteAsync(ReadImportAsync, cancellationToken).ConfigureAwait(false);
        if (!Import.IsDone)
        {
            LogNotDone(logger, Untrusted.Name(options.ImportId), Untrusted.Name(Import.State));
        }

        var (after, pageIndex) = Start;
        do
        {
            var pageContext = new ReadContext(Name, Ordinal ?? context.SourceOrdinal, context.Limits, context.Pool, onSkip: null) { FirstPageIndex = pageIndex, RecordFastPath = context.RecordFastPath, ShowStandardSensitivity = context.ShowStandardSensitivity };
            var cursor = after;
            var page = await ExecuteAsync((ct) => ReadPageAsync(cursor, pageContext, ct), cancellationToken).ConfigureAwait(false);
            after = page.NextAfter;
            pageIndex++;
            yield return page;
        }
        while (after is not null);
    }

    private Task<T> ExecuteAsync<T>(Func<CancellationToken, Task<T>> attempt, CancellationToken cancellationToken) =>
        HubSpotRequests.ExecuteAsync(pipeline, options, attempt, cancellationToken);

    private async Task<HubSpotImport> ReadImportAsync(CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync(client.ImportUri(), cancellationToken).ConfigureAwait(false);
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            try
            {
                using var json = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
                return HubSpotImport.Parse(json.RootElement, options.ImportId);
            }
            catch (JsonException ex)
            {
                throw new ImportErrorFormatException(client.ImportUri().ToString(), "response", 1, 0, 0, "the import's description is not valid JSON.", ex);
            }
        }
    }

    private async Task<ImportErrorPage> ReadPageAsync(string? after, ReadContext context, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync(client.ErrorsUri(after), cancellationToken).ConfigureAwait(false);
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var pipe = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024, leaveOpen: false));
        ImportErrorPage? page = null;
        try
        {
            await foreach (var parsed in PageStreamReader.ReadAsync(pipe, context, cancellationToken).ConfigureAwait(false))
            {
                if (page is not null)
                {
                    context.Pool.Return(parsed);
                    throw new ImportErrorFormatException(context.SourceName, "page", context.FirstPageIndex + 1, page.ByteLength, 0, "the response holds more than one page.");
                }

                page = parsed;
            }

            return page ?? throw new ImportErrorFormatException(context.SourceName, "page", context.FirstPageIndex + 1, 0, 0, "the response holds no page.");
        }
        catch
        {
            if (page is not null)
            {
                context.Pool.Return(page);
            }

            throw;
        }
        finally
        {
            await pipe.CompleteAsync().ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Import {ImportId} is {State}, not DONE: its errors may still grow.")]
    private static partial void LogNotDone(ILogger logger, Untrusted importId, Untrusted state);
}
