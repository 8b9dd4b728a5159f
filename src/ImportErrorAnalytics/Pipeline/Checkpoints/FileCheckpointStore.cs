using ImportErrorAnalytics.Files;

namespace ImportErrorAnalytics.Pipeline.Checkpoints;

/// <summary>
/// A checkpoint in a file, replaced atomically by <see cref="AtomicFile"/> (a new temporary file beside it, owner-only
/// on Unix, flushed to disk, renamed over the file), so the file on disk is always a whole checkpoint. Only a regular
/// file is read: a device or a pipe (<c>/dev/zero</c>, a FIFO) could feed bytes forever, and no run ever wrote one.
/// </summary>
internal sealed class FileCheckpointStore(string path) : ICheckpointStore
{
    public string Name { get; } = Path.GetFullPath(path);

    public async ValueTask<byte[]?> LoadAsync(CancellationToken cancellationToken)
    {
        // Checked before opening too: opening a pipe for reading waits for a writer, maybe forever.
        if (!OperatingSystem.IsWindows() && UnixFiles.Unavailable is null && !IsRegularFileOrMissing(UnixFiles.Stat(Name)))
        {
            throw new IOException(NotRegular);
        }

        FileStream stream;
        try
        {
            stream = new FileStream(Name, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.Asynchronous);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }

        await using (stream.ConfigureAwait(false))
        {
            if (!OperatingSystem.IsWindows() && UnixFiles.Unavailable is null && !UnixFiles.FStat(stream.SafeFileHandle).IsRegularFile)
            {
                throw new IOException(NotRegular);
            }

            if (stream.Length > Array.MaxLength)
            {
                throw new IOException($"it holds {stream.Length} bytes, more than any checkpoint.");
            }

            var bytes = new byte[stream.Length];
            await stream.ReadExactlyAsync(bytes, cancellationToken).ConfigureAwait(false);
            return bytes;
        }
    }

    private const string NotRegular = "it is not a regular file (a device, a pipe or a socket), so it holds no checkpoint.";

    private static bool IsRegularFileOrMissing(UnixFileStatus? status) => status is not { } found || found.IsRegularFile;

    public async ValueTask SaveAsync(ReadOnlyMemory<byte> checkpoint, CancellationToken cancellationToken) =>
        await AtomicFile.WriteAsync(Name, checkpoint, cancellationToken).ConfigureAwait(false);
}
