using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using ImportErrorAnalytics.Fingerprints;
using ImportErrorAnalytics.Parsing.Parallel;
using ImportErrorAnalytics.Parsing;

namespace ImportErrorAnalytics.Sources;

/// <summary>
/// Pages or NDJSON read from a file. A regular file of response pages smaller than <see cref="WholeFileBytes"/> (a saved
/// page or a few) is read whole into a pooled buffer, in one system call with no hand-off to another thread, and parsed
/// as one span on one core (a few milliseconds: less than starting the parallel page reader would cost); a larger file,
/// one that is no regular file (a pipe, a device), and NDJSON (whose reader decides its limits on the lines it has
/// buffered) stream through a <see cref="PipeReader"/> in 64 KB reads. The page readers' outcome does not depend on how
/// the bytes arrive nor on how many cores parse them: the pages, the errors and their byte offsets are the same. Either
/// way every byte of the file is fingerprinted (<see cref="ReadContext.Fingerprint"/>), the rest read once the pages are
/// done.
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
            (pipe, rented) = Open(file, hashed, format == InputFormat.Pages && file.CanSeek ? file.Length : -1, wholeFileBytes);
        }
        catch
        {
            await hashed.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        try
        {
            await foreach (var page in StreamErrorSource.ReadAsync(pipe, context, format, cancellationToken, oneCore: rented is not null).ConfigureAwait(false))
            {
                yield return page;
            }

            // What the pipe still buffers was hashed as it was read: the rest of the file is read straight from it.
            await hashed.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
            context.Fingerprint = hashed.Fingerprint;
        }
        finally
        {
            await pipe.CompleteAsync().ConfigureAwait(false);
            await hashed.DisposeAsync().ConfigureAwait(false);
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>
    /// The pipe over <paramref name="file"/>, which <paramref name="length"/> says is that long (-1: stream it), read
    /// through <paramref name="hashed"/> (which wraps it) or hashed into it. A small file is read at once, up to one
    /// byte more than its length, so a file that grew since shows it: the bytes read so far go first, the rest streams
    /// after them. Returns the rented buffer to give back after the pipe, if any.
    /// </summary>
    internal static (PipeReader Pipe, byte[]? Rented) Open(FileStream file, FingerprintingStream hashed, long length, int wholeFileBytes)
    {
        if (length <= 0 || length >= wholeFileBytes)
        {
            return (Stream(hashed), null);
        }

        var rented = ArrayPool<byte>.Shared.Rent((int)length + 1);
        try
        {
            var filled = 0;
            int read;
            while (filled < rented.Length && (read = RandomAccess.Read(file.SafeFileHandle, rented.AsSpan(filled), filled)) > 0)
            {
                filled += read;
            }

            var ended = filled < rented.Length;
            hashed.Include(rented.AsSpan(0, filled), ended);
            if (ended)
            {
                return (PipeReader.Create(new ReadOnlySequence<byte>(rented, 0, filled)), rented);
            }

            file.Position = filled;
            return (Stream(new PrefixedStream(rented.AsMemory(0, filled), hashed)), rented);
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
