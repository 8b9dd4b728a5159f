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
            var pages = format == InputFormat.Ndjson
                ? NdjsonStreamReader.ReadAsync(pipe, context, cancellationToken)
                : context.ParseWorkers > 1
                    ? ParallelPageReader.ReadAsync(pipe, context, context.ParseWorkers, cancellationToken)
                    : PageStreamReader.ReadAsync(pipe, context, cancellationToken);
            await foreach (var page in pages.ConfigureAwait(false))
            {
                yield return page;
            }
        }
        finally
        {
            await pipe.CompleteAsync().ConfigureAwait(false);
        }
    }

    public static StreamErrorSource ForFile(string path, InputFormat format) => new(
        path,
        _ => ValueTask.FromResult<Stream>(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan)),
        format);
}
