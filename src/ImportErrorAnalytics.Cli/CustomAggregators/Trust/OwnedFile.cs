using ImportErrorAnalytics.Files;
using System.Globalization;

namespace ImportErrorAnalytics.Cli.CustomAggregators.Trust;

/// <summary>
/// Reads a file only when this user wrote it: on Unix it must be a regular file (not a link), owned by this user and
/// writable by nobody else; the checks are made on the file actually opened (<c>fstat</c> of the handle, which must
/// be the file <c>lstat</c> saw at that name) and the bytes come from that same handle.
/// </summary>
internal static class OwnedFile
{
    /// <summary>
    /// The bytes of <paramref name="path"/> (at most <paramref name="maxBytes"/>): <c>(null, null)</c> when there is no
    /// such file, <c>(null, reason)</c> when it is refused.
    /// </summary>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">The file cannot be opened.</exception>
    public static (byte[]? Bytes, string? Refusal) Read(string path, long maxBytes)
    {
        if (OperatingSystem.IsWindows())
        {
            if (!File.Exists(path))
            {
                return (null, null);
            }

            using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            return ReadAll(path, file, RandomAccess.GetLength(file), maxBytes);
        }

        if (UnixFiles.LStat(path) is not { } named)
        {
            return (null, null);
        }

        if (!named.IsRegularFile)
        {
            return (null, $"'{path}' is not a regular file");
        }

        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        var opened = UnixFiles.FStat(handle);
        var user = UnixFiles.EffectiveUserId;
        return !opened.IsSameFileAs(named) ? (null, $"'{path}' was replaced while it was opened")
            : opened.Owner != user ? (null, string.Create(CultureInfo.InvariantCulture, $"'{path}' is owned by user {opened.Owner}, not by you (user {user})"))
            : opened.WritableByGroupOrOthers ? (null, $"'{path}' can be written by its group or by others (mode {opened.OctalPermissions})")
            : ReadAll(path, handle, opened.Size, maxBytes);
    }

    private static (byte[]? Bytes, string? Refusal) ReadAll(string path, Microsoft.Win32.SafeHandles.SafeFileHandle handle, long length, long maxBytes)
    {
        if (length > maxBytes)
        {
            return (null, string.Create(CultureInfo.InvariantCulture, $"'{path}' holds {length:N0} bytes, more than it may ({maxBytes:N0})"));
        }

        var bytes = new byte[length];
        var read = 0;
        while (read < bytes.Length)
        {
            var n = RandomAccess.Read(handle, bytes.AsSpan(read), read);
            if (n == 0)
            {
                return (null, $"'{path}' was cut short while it was read");
            }

            read += n;
        }

        return (bytes, null);
    }
}
