using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using ImportErrorAnalytics.Parsing;
using ImportErrorAnalytics.Parsing.Parallel;

namespace ImportErrorAnalytics.Sources;

/// <summary>Pages or NDJSON read from a stream opened on demand, through a <see cref="PipeReader"/>.</summary>
internal sealed class StreamErrorSource(string name, Func<CancellationToken, ValueTask<Stream>> open, InputFormat format) : ErrorSource
{
    private const int BufferSize = 64 * 1024;

    public override string Name => name;

    public InputFormat Format => format;

    public override async IAsyncEnumerable<ImportErrorPage> ReadPagesAsync(ReadContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var stream = await open(cancellationToken).ConfigureAwait(false);
        var pipe = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: BufferSize, minimumReadSize: BufferSize / 4, leaveOpen: false));
        try
        {
            await foreach (var page in ReadAsync(pipe, context, format, cancellationToken).ConfigureAwait(false))
            {
                yield return page;
            }
        }
        finally
        {
            await pipe.CompleteAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The pages of <paramref name="pipe"/>: NDJSON, or response pages on one core or (with several parse workers for
    /// this input, unless <paramref name="oneCore"/>) on several.
    /// </summary>
    internal static IAsyncEnumerable<ImportErrorPage> ReadAsync(PipeReader pipe, ReadContext context, InputFormat format, CancellationToken cancellationToken, bool oneCore = false) =>
        format == InputFormat.Ndjson
            ? NdjsonStreamReader.ReadAsync(pipe, context, cancellationToken)
            : context.ParseWorkers > 1 && !oneCore
                ? ParallelPageReader.ReadAsync(pipe, context, context.ParseWorkers, cancellationToken)
                : PageStreamReader.ReadAsync(pipe, context, cancellationToken);
}
