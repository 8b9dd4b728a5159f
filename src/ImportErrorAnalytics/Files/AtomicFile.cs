using System.Security.Cryptography;
using System.Text;

namespace ImportErrorAnalytics.Files;

/// <summary>
/// Writes a whole file or nothing: the content goes to a new temporary file in the target's folder (a random name,
/// created exclusively, so an existing file or link there is never opened or followed), created with the permissions
/// of <see cref="AtomicFileOptions.Mode"/> on Unix, flushed to disk, then renamed over the target. A failed or cancelled
/// write removes its temporary file and leaves the target as it was. Every file of data the library and <c>iea</c>
/// write (checkpoints, snapshots, reports, compiled aggregators) goes through here.
/// </summary>
internal static class AtomicFile
{
    /// <summary>How many random names are tried before giving up (each one taken means someone else created it).</summary>
    internal const int MaxNameAttempts = 8;

    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/> with <see cref="AtomicFileOptions.ForData"/>.</summary>
    public static Task WriteAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken) =>
        WriteAsync(path, (stream, ct) => stream.WriteAsync(content, ct), AtomicFileOptions.ForData(), cancellationToken);

    /// <summary>Writes <paramref name="text"/> as UTF-8 without a byte order mark, with <see cref="AtomicFileOptions.ForData"/>.</summary>
    public static Task WriteTextAsync(string path, string text, CancellationToken cancellationToken) =>
        WriteAsync(path, (stream, ct) => WriteTextAsync(stream, text, ct), AtomicFileOptions.ForData(), cancellationToken);

    /// <summary>
    /// Creates a temporary file beside <paramref name="path"/>, lets <paramref name="write"/> fill it, flushes it to disk
    /// and renames it over <paramref name="path"/>.
    /// </summary>
    /// <exception cref="IOException">The temporary file cannot be created or written, or the rename fails (the temporary file is removed).</exception>
    /// <exception cref="UnauthorizedAccessException">The folder cannot be written.</exception>
    public static async Task WriteAsync(string path, Func<Stream, CancellationToken, ValueTask> write, AtomicFileOptions options, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);
        ArgumentNullException.ThrowIfNull(options);
        var target = Path.GetFullPath(path);
        if (IsSpecialFile(target))
        {
            await WriteInPlaceAsync(target, write, cancellationToken).ConfigureAwait(false);
            return;
        }

        var (temporary, stream) = CreateTemporary(target, options);
        try
        {
            await using (stream.ConfigureAwait(false))
            {
                await write(stream, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, target, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    /// <summary>
    /// Whether <paramref name="target"/> (after its links) is there and is no regular file or folder: a device such as
    /// <c>/dev/null</c>, a pipe (<c>/dev/stdout</c> in a pipeline, a shell's <c>&gt;(...)</c>), a socket. Renaming over
    /// it would replace the device itself (as root, <c>/dev/null</c> would become a file), so it is written in place.
    /// Where file types cannot be read, everything under <c>/dev</c> and <c>/proc</c> counts as special.
    /// </summary>
    internal static bool IsSpecialFile(string target)
    {
        if (OperatingSystem.IsWindows())
        {
            return false;
        }

        if (UnixFiles.Unavailable is null)
        {
            return UnixFiles.Stat(target) is { IsRegularFile: false, IsDirectory: false };
        }

        return target.StartsWith("/dev/", StringComparison.Ordinal) || target.StartsWith("/proc/", StringComparison.Ordinal);
    }

    /// <summary>Writes into a device or pipe as it is: no temporary file, no rename, nothing to make atomic.</summary>
    private static async Task WriteInPlaceAsync(string target, Func<Stream, CancellationToken, ValueTask> write, CancellationToken cancellationToken)
    {
        var stream = new FileStream(target, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 64 * 1024, useAsync: false);
        await using (stream.ConfigureAwait(false))
        {
            await write(stream, cancellationToken).ConfigureAwait(false);
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A random temporary-file name part: 128 bits as 32 lowercase hex digits.</summary>
    internal static string RandomName() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>The temporary file for <paramref name="target"/> whose random part is <paramref name="random"/>: hidden, in the same folder.</summary>
    internal static string TemporaryPath(string target, string random)
    {
        var name = Path.GetFileName(target);
        return Path.Combine(Path.GetDirectoryName(target)!, $".{(name.Length > 100 ? name[..100] : name)}.{random}.tmp");
    }

    private static (string Path, FileStream Stream) CreateTemporary(string target, AtomicFileOptions options)
    {
        var streamOptions = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
            Options = FileOptions.Asynchronous,
            BufferSize = 64 * 1024,
        };
        if (!OperatingSystem.IsWindows())
        {
            streamOptions.UnixCreateMode = options.Mode;
        }

        for (var attempt = 1; ; attempt++)
        {
            var temporary = TemporaryPath(target, options.NewTemporaryName());
            try
            {
                return (temporary, options.Open(temporary, streamOptions));
            }
            catch (IOException ex) when (attempt < MaxNameAttempts && IsAlreadyExists(ex))
            {
                // Someone else holds that name (a file, a link, anything): never touch it; draw another.
            }
        }
    }

    /// <summary>Whether creating a file failed because something already has its name (EEXIST; ERROR_FILE_EXISTS, ERROR_ALREADY_EXISTS).</summary>
    private static bool IsAlreadyExists(IOException exception) =>
        exception.HResult is 17 or unchecked((int)0x80070050) or unchecked((int)0x800700B7);

    private static async ValueTask WriteTextAsync(Stream stream, string text, CancellationToken cancellationToken)
    {
        var writer = new StreamWriter(stream, Utf8NoBom, bufferSize: 64 * 1024, leaveOpen: true);
        await using (writer.ConfigureAwait(false))
        {
            await writer.WriteAsync(text.AsMemory(), cancellationToken).ConfigureAwait(false);
            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Nothing more can be done; the name is random and hidden, and the original error is the one to report.
        }
    }
}
