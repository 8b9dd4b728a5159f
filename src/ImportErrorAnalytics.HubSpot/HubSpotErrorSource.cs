using ImportErrorAnalytics.Model;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Channels;
using ImportErrorAnalytics.Parsing;
using ImportErrorAnalytics.Sources;
using ImportErrorAnalytics.Sources.Capabilities;
using Microsoft.Extensions.Logging;
using Polly;
using ImportErrorAnalytics.Escaping;

namespace ImportErrorAnalytics.HubSpot;

/// <summary>
/// An import's errors, page by page, from the HubSpot API: each page's body is parsed while it downloads, retried from
/// the same cursor until it parsed completely, and only then handed on. A page of more records than a part takes is
/// handed on in parts as they parse; when its request is tried again, its parts come again from the first (whose
/// <see cref="ImportErrorPage.FirstRecordIndex"/> is 0), and the consumer drops the parts it had.
/// The cursor each page gives is checked before the page is handed on (<see cref="PagingCursors"/>).
/// It keeps nothing of a read: the import's description goes to the reading run (<see cref="ReadContext.Describe"/>),
/// and where a resumed read starts comes from it, so one source may be read by any number of runs.
/// </summary>
internal sealed partial class HubSpotErrorSource(
    HubSpotClient client, HubSpotSourceOptions options, ResiliencePipeline pipeline, ILogger logger) : ErrorSource, IResumableSource
{
    public override string Name => client.ErrorsUri(null).ToString();

    public string ImportId => options.ImportId;

    /// <summary>The API's base address, as the checkpoint names it.</summary>
    public string Location => options.BaseAddress.ToString();

    public override IAsyncEnumerable<ImportErrorPage> ReadPagesAsync(ReadContext context, CancellationToken cancellationToken) =>
        ReadPagesAsync(context, ResumePoint.Beginning, cancellationToken);

    public async IAsyncEnumerable<ImportErrorPage> ReadPagesAsync(ReadContext context, ResumePoint start, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        HubSpotImport import;
        try
        {
            import = await ExecuteAsync(client.ImportRoute, ReadImportAsync, cancellationToken).ConfigureAwait(false);
        }
        catch (ImportErrorFormatException ex)
        {
            throw HubSpotJsonBody.Invalid("the import's description", ex);
        }

        context.Describe(import);
        if (!import.IsDone)
        {
            LogNotDone(logger, Untrusted.Name(options.ImportId), Untrusted.Name(import.State));
        }

        var (after, pageIndex) = start;
        var cursors = new PagingCursors($"the errors of import {options.ImportId}");
        cursors.Resume(after, pageIndex);
        do
        {
            var pageContext = new ReadContext(Name, context.SourceOrdinal, context.Limits, context.Pool, onSkip: null) { FirstPageIndex = pageIndex, RecordFastPath = context.RecordFastPath, ShowStandardSensitivity = context.ShowStandardSensitivity };
            var parts = Channel.CreateBounded<ImportErrorPage>(new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var reading = ReadPageAsync(after, pageContext, parts.Writer, stop.Token);
            ImportErrorPage page;
            try
            {
                await foreach (var part in parts.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
                {
                    yield return part;
                }

                page = await reading.ConfigureAwait(false);
            }
            finally
            {
                await StopAsync(reading, parts.Reader, stop, context.Pool).ConfigureAwait(false);
            }

            try
            {
                cursors.Accept(page.NextAfter, pageIndex + 1);
            }
            catch
            {
                context.Pool.Return(page);
                throw;
            }

            after = page.NextAfter;
            pageIndex++;
            yield return page;
        }
        while (after is not null);
    }

    /// <summary>
    /// Requests one page until it parsed completely (the retry pipeline), writing each of its parts but the last to
    /// <paramref name="parts"/> as it parses; returns the last part (the whole page, for an ordinary page).
    /// </summary>
    private async Task<ImportErrorPage> ReadPageAsync(string? after, ReadContext context, ChannelWriter<ImportErrorPage> parts, CancellationToken cancellationToken)
    {
        try
        {
            return await ExecuteAsync(client.ErrorsRoute, ct => ReadPageAttemptAsync(after, context, parts, ct), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            parts.TryComplete();
        }
    }

    /// <summary>After the page, or when the consumer stopped early: stops the request and gives back what it parsed.</summary>
    private static async Task StopAsync(Task<ImportErrorPage> reading, ChannelReader<ImportErrorPage> parts, CancellationTokenSource stop, PagePool pool)
    {
        if (!reading.IsCompleted)
        {
            await stop.CancelAsync().ConfigureAwait(false);
            while (parts.TryRead(out var part))
            {
                pool.Return(part);
            }

            try
            {
                pool.Return(await reading.ConfigureAwait(false));
            }
            catch (Exception)
            {
                // The consumer left (or the reading failed and that failure is already on its way): nothing to report.
            }
        }

        while (parts.TryRead(out var part))
        {
            pool.Return(part);
        }
    }

    private Task<T> ExecuteAsync<T>(string route, Func<CancellationToken, Task<T>> attempt, CancellationToken cancellationToken) =>
        HubSpotRequests.ExecuteAsync(pipeline, options, route, attempt, cancellationToken);

    private async Task<HubSpotImport> ReadImportAsync(CancellationToken cancellationToken)
    {
        var uri = client.ImportUri();
        using var response = await client.GetAsync(uri, cancellationToken).ConfigureAwait(false);
        using var json = await HubSpotJsonBody.ReadAsync(response, uri.ToString(), 1, HubSpotJsonBody.MaxImportBytes, cancellationToken).ConfigureAwait(false);
        try
        {
            return HubSpotImport.Parse(json.RootElement, options.ImportId);
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException)
        {
            // InvalidOperationException: JsonDocument checks a string's UTF-8 only when it is read.
            throw HubSpotJsonBody.WrongShape("the import's description", uri.ToString(), 1, ex.Message);
        }
    }

    /// <summary>One try at a page: its parts but the last go to <paramref name="parts"/> as they parse.</summary>
    private async Task<ImportErrorPage> ReadPageAttemptAsync(string? after, ReadContext context, ChannelWriter<ImportErrorPage> parts, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync(client.ErrorsUri(after), cancellationToken).ConfigureAwait(false);
        var stream = await HubSpotClient.ReadBodyAsync(response, cancellationToken).ConfigureAwait(false);
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

                if (!parsed.IsLastPart)
                {
                    await parts.WriteAsync(parsed, cancellationToken).ConfigureAwait(false);
                    continue;
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
