using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.RateLimiting;
using ImportErrorAnalytics.Parsing;
using Microsoft.Extensions.Logging;
using Polly;

namespace ImportErrorAnalytics.Sources.HubSpot;

/// <summary>
/// An import's errors, page by page, from the HubSpot API: each page's body is parsed while it downloads, retried from
/// the same cursor until it parsed completely, and only then handed on.
/// </summary>
internal sealed partial class HubSpotErrorSource(
    HubSpotClient client, HubSpotSourceOptions options, RateLimiter limiter, ResiliencePipeline pipeline, ILogger logger) : ErrorSource
{
    public override string Name => client.ErrorsUri(null).ToString();

    /// <summary>The import, once the run has read it.</summary>
    public HubSpotImport? Import { get; private set; }

    /// <summary>Where a resumed run starts: the cursor after the last committed page, and that page's index + 1.</summary>
    public (string? After, int PageIndex) Start { get; set; }

    public string ImportId => options.ImportId;

    public Uri BaseAddress => options.BaseAddress;

    public override async IAsyncEnumerable<ImportErrorPage> ReadPagesAsync(ReadContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Import = await ExecuteAsync(ReadImportAsync, cancellationToken).ConfigureAwait(false);
        if (!Import.IsDone)
        {
            LogNotDone(logger, options.ImportId, Import.State ?? "unknown");
        }

        var (after, pageIndex) = Start;
        do
        {
            var pageContext = new ReadContext(Name, context.SourceOrdinal, context.Limits, context.Pool, onSkip: null) { FirstPageIndex = pageIndex };
            var cursor = after;
            var page = await ExecuteAsync((ct) => ReadPageAsync(cursor, pageContext, ct), cancellationToken).ConfigureAwait(false);
            after = page.NextAfter;
            pageIndex++;
            yield return page;
        }
        while (after is not null);
    }

    private async Task<T> ExecuteAsync<T>(Func<CancellationToken, Task<T>> attempt, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(HubSpotResilience.Budget, new RetryBudget(options));
        try
        {
            return await pipeline.ExecuteAsync(static async (ctx, attempt) => await attempt(ctx.CancellationToken).ConfigureAwait(false), context, attempt)
                .ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private async Task<HubSpotImport> ReadImportAsync(CancellationToken cancellationToken)
    {
        using var lease = await AcquireAsync(cancellationToken).ConfigureAwait(false);
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
        using var lease = await AcquireAsync(cancellationToken).ConfigureAwait(false);
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

    private async Task<RateLimitLease> AcquireAsync(CancellationToken cancellationToken)
    {
        var lease = await limiter.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
        if (!lease.IsAcquired)
        {
            lease.Dispose();
            throw new HubSpotApiException(HubSpotFailure.RateLimitExhausted, null, "The client-side rate limiter refused the request.");
        }

        return lease;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Import {ImportId} is {State}, not DONE: its errors may still grow.")]
    private static partial void LogNotDone(ILogger logger, string importId, string state);
}
