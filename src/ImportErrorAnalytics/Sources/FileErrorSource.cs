using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using ImportErrorAnalytics.Parsing;
using ImportErrorAnalytics.Parsing.Parallel;
using ImportErrorAnalytics.Sources.Fingerprints;

namespace ImportErrorAnalytics.Sources;

/// <summary>
/// Pages or NDJSON read from a file. A regular file of response pages smaller than <see cref="WholeFileBytes"/> (a saved
/// page or a few) is read whole into a pooled buffer, in one system call with no hand-off to another thread, and parsed
/// as one span on one core (a few milliseconds: less than starting the parallel page reader would cost); a larger file,
/// one that is no regular file (a pipe, a device), and NDJSON (whose reader decides its limits on the lines it has
/// buffered) stream through a <see cref="PipeReader"/> in 64 KB reads. The page readers' outcome does not depend on how
/// the bytes arrive nor on how many cores parse them: the pages, the errors and their byte offsets are the same.
/// Either way every byte is read through a <see cref="FingerprintingStream"/>, and the rest of the file after the pages
/// too, so the input's fingerprint (<see cref="ReadContext.Fingerprint"/>) names its whole content, as for any stream.
/// </summary>
/// <param name="path">The file.</param>
/// <param name="format">Its format.</param>
/// <param name="wholeFileBytes">Files smaller than this are read whole (tests use small values).</param>
internal sealed class FileErrorSource(string path, InputFormat format, int wholeFileBytes = FileErrorSource.WholeFileBytes) : ErrorSource
{
    /// <summary>
    /// Files smaller than this are read whole: a page of 1,000 errors with their row data is under 1 MB, and one buffer
    /// this size per parse worker keeps the memory of a run flat.
    /// </summary>
    internal const int WholeFileBytes = 1 << 20;

    private const int StreamBufferSize = 64 * 1024;

    public override string Name => path;

    public override async IAsyncEnumerable<ImportErrorPage> ReadPagesAsync(ReadContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var file = new FileStream(
            File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan), FileAccess.Read, bufferSize: 0);
        var hashed = new FingerprintingStream(file);
        PipeReader pipe;
        byte[]? rented;
        try
        {
            (pipe, rented) = Open(hashed, format == InputFormat.Pages && file.CanSeek ? file.Length : -1, wholeFileBytes);
        }
        catch
        {
            await file.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        try
        {
            await foreach (var page in StreamErrorSource.ReadAsync(pipe, context, format, cancellationToken, oneCore: rented is not null).ConfigureAwait(false))
            {
                yield return page;
            }

            // What the pipe buffered was hashed as it was read; the rest of the file (after a skip under keep-going)
            // is read straight from it, so the fingerprint names the whole input.
            await hashed.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
            context.Fingerprint = hashed.Fingerprint;
        }
        finally
        {
            await pipe.CompleteAsync().ConfigureAwait(false);
            await file.DisposeAsync().ConfigureAwait(false);
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>
    /// The pipe over <paramref name="file"/> (read from its current position), which <paramref name="length"/> says is
    /// that long (-1: stream it). A small file is read at once, up to one byte more than its length, so a file that grew
    /// since shows it: the bytes read so far go first, the rest streams after them. Returns the rented buffer to give
    /// back after the pipe, if any.
    /// </summary>
    internal static (PipeReader Pipe, byte[]? Rented) Open(Stream file, long length, int wholeFileBytes)
    {
        if (length <= 0 || length >= wholeFileBytes)
        {
            return (Stream(file), null);
        }

        var rented = ArrayPool<byte>.Shared.Rent((int)length + 1);
        try
        {
            var filled = 0;
            int read;
            while (filled < rented.Length && (read = file.Read(rented.AsSpan(filled))) > 0)
            {
                filled += read;
            }

            if (filled < rented.Length)
            {
                return (PipeReader.Create(new ReadOnlySequence<byte>(rented, 0, filled)), rented);
            }

            return (Stream(new PrefixedStream(rented.AsMemory(0, filled), file)), rented);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(rented);
            throw;
        }
    }

    private static PipeReader Stream(Stream stream) =>
        PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: StreamBufferSize, minimumReadSize: StreamBufferSize / 4, leaveOpen: true));
}
