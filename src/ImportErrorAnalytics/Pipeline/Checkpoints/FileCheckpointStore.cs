namespace ImportErrorAnalytics.Pipeline.Checkpoints;

/// <summary>
/// A checkpoint in a file: written to <c>FILE.tmp</c>, flushed to disk, then renamed over the file, so the file on
/// disk is always a whole checkpoint.
/// </summary>
internal sealed class FileCheckpointStore(string path) : ICheckpointStore
{
    public string Name { get; } = Path.GetFullPath(path);

    public async ValueTask<byte[]?> LoadAsync(CancellationToken cancellationToken) =>
        File.Exists(Name) ? await File.ReadAllBytesAsync(Name, cancellationToken).ConfigureAwait(false) : null;

    public async ValueTask SaveAsync(ReadOnlyMemory<byte> checkpoint, CancellationToken cancellationToken)
    {
        var temporary = Name + ".tmp";
        var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true);
        await using (stream.ConfigureAwait(false))
        {
            await stream.WriteAsync(checkpoint, cancellationToken).ConfigureAwait(false);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, Name, overwrite: true);
    }
}
