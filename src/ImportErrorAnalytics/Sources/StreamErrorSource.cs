using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using ImportErrorAnalytics.Fingerprints;
using ImportErrorAnalytics.Parsing.Parallel;
using ImportErrorAnalytics.Parsing;

namespace ImportErrorAnalytics.Sources;

/// <summary>
/// Pages or NDJSON read from a stream opened on demand, through a <see cref="PipeReader"/>. Every byte read is
/// fingerprinted on the way (<see cref="FingerprintingStream"/>); once the pages are done the rest of the stream, if
/// the reader stopped early (a skip under keep-going), is read too, and the whole input's fingerprint goes to
/// <see cref="ReadContext.Fingerprint"/>.
/// </summary>
internal sealed class StreamErrorSource(string name, Func<CancellationToken, ValueTask<Stream>> open, InputFormat format) : ErrorSource
{
    private const int BufferSize = 64 * 1024;

    public override string Name => name;

    public InputFormat Format => format;

    public override async IAsyncEnumerable<ImportErrorPage> ReadPagesAsync(ReadContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var stream = new FingerprintingStream(await open(cancellationToken).ConfigureAwait(false));
        var pipe = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: BufferSize, minimumReadSize: BufferSize / 4, leaveOpen: false));
        try
        {
            await foreach (var page in ReadAsync(pipe, context, format, cancellationToken).ConfigureAwait(false))
            {
                yield return page;
            }

            // The readers are done with the pipe (what it still buffers was hashed as it was read): the rest of the
            // stream is read straight from it, so the fingerprint names the whole input.
            await stream.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
            context.Fingerprint = stream.Fingerprint;
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
