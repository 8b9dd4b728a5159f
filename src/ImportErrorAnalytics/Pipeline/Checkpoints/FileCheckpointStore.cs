using ImportErrorAnalytics.Files;

namespace ImportErrorAnalytics.Pipeline.Checkpoints;

/// <summary>
/// A checkpoint in a file, replaced atomically by <see cref="AtomicFile"/> (a new temporary file beside it, owner-only
/// on Unix, flushed to disk, renamed over the file), so the file on disk is always a whole checkpoint.
/// </summary>
internal sealed class FileCheckpointStore(string path) : ICheckpointStore
{
    public string Name { get; } = Path.GetFullPath(path);

    public async ValueTask<byte[]?> LoadAsync(CancellationToken cancellationToken) =>
        File.Exists(Name) ? await File.ReadAllBytesAsync(Name, cancellationToken).ConfigureAwait(false) : null;

    public async ValueTask SaveAsync(ReadOnlyMemory<byte> checkpoint, CancellationToken cancellationToken) =>
        await AtomicFile.WriteAsync(Name, checkpoint, cancellationToken).ConfigureAwait(false);
}
