namespace ImportErrorAnalytics.Files;

/// <summary>How <see cref="AtomicFile"/> creates its temporary file; tests replace the name source and the opening.</summary>
internal sealed class AtomicFileOptions
{
    /// <summary>The permissions the file is created with on Unix (the process umask may clear more); ignored on Windows.</summary>
    public UnixFileMode Mode { get; init; } = DataFileMode.OwnerOnly;

    /// <summary>The random part of the temporary file's name; drawn again when the name is taken.</summary>
    public Func<string> NewTemporaryName { get; init; } = AtomicFile.RandomName;

    /// <summary>Opens the temporary file (always with <see cref="FileMode.CreateNew"/>).</summary>
    public Func<string, FileStreamOptions, FileStream> Open { get; init; } = static (path, options) => new FileStream(path, options);

    /// <summary>For files of data (checkpoints, snapshots, reports): <see cref="DataFileMode.Current"/>.</summary>
    public static AtomicFileOptions ForData() => new() { Mode = DataFileMode.Current };
}
