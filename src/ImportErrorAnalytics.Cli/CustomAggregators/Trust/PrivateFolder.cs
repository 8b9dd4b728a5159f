using ImportErrorAnalytics.Files;
using System.Globalization;
using System.Runtime.Versioning;

namespace ImportErrorAnalytics.Cli.CustomAggregators.Trust;

/// <summary>
/// Whether a folder is private to this user on Unix, so that what this process reads from it is what this user wrote:
/// the rules of OpenSSH's <c>StrictModes</c> and of git's <c>safe.directory</c>, applied to the whole path. The folder
/// itself must be owned by this user and writable by nobody else. Every folder above it must be owned by this user or
/// by root, and writable by nobody else unless it has the sticky bit (as <c>/tmp</c> does: others may add entries
/// there but not rename or remove this user's). A symbolic link on the way must be owned by this user or by root (the
/// owner of a link decides where it points); it is followed and its target is checked the same way.
/// </summary>
[UnsupportedOSPlatform("windows")]
internal static class PrivateFolder
{
    private const int MaxLinks = 40;

    /// <summary>
    /// Checks <paramref name="folder"/> for the user <paramref name="user"/>: <see langword="null"/> when it is private,
    /// otherwise the reason it is not, naming the path at fault. A folder that does not exist is not private.
    /// </summary>
    /// <exception cref="IOException">A status cannot be read.</exception>
    public static string? Check(string folder, uint user)
    {
        if (UnixFiles.Unavailable is { } unavailable)
        {
            return unavailable;
        }

        var pending = new LinkedList<string>(Components(Path.GetFullPath(folder)));
        var real = "/";
        if (Refuse(real, UnixFiles.LStat(real)!.Value, user, isTarget: false) is { } refusal)
        {
            return refusal;
        }

        var links = 0;
        while (pending.First is { } first)
        {
            var component = first.Value;
            pending.RemoveFirst();
            if (component is "." or "")
            {
                continue;
            }

            if (component == "..")
            {
                real = Path.GetDirectoryName(real) ?? "/";
                continue;
            }

            var next = real == "/" ? "/" + component : real + "/" + component;
            if (UnixFiles.LStat(next) is not { } status)
            {
                return $"'{next}' does not exist";
            }

            if (status.IsSymbolicLink)
            {
                if (++links > MaxLinks)
                {
                    return $"'{folder}' goes through more than {MaxLinks} symbolic links";
                }

                if (status.Owner != user && status.Owner != 0)
                {
                    return string.Create(CultureInfo.InvariantCulture, $"'{next}' is a symbolic link owned by user {status.Owner}, who decides where it points");
                }

                var target = new FileInfo(next).LinkTarget ?? "";
                foreach (var part in Enumerable.Reverse(Components(target)))
                {
                    pending.AddFirst(part);
                }

                if (Path.IsPathRooted(target))
                {
                    real = "/";
                }

                continue;
            }

            var isLast = pending.All(part => part is "." or "");
            if (Refuse(next, status, user, isTarget: isLast) is { } refused)
            {
                return refused;
            }

            real = next;
        }

        // The folder reached last was checked as the folder itself, unless a link's '..' climbed back to one above.
        return Refuse(real, UnixFiles.LStat(real)!.Value, user, isTarget: true);
    }

    private static string? Refuse(string path, UnixFileStatus status, uint user, bool isTarget)
    {
        if (!status.IsDirectory)
        {
            return $"'{path}' is not a folder";
        }

        if (isTarget)
        {
            if (status.Owner != user)
            {
                return string.Create(CultureInfo.InvariantCulture, $"'{path}' is owned by user {status.Owner}, not by you (user {user})");
            }

            return status.WritableByGroupOrOthers
                ? $"'{path}' can be written by its group or by others (mode {status.OctalPermissions}; chmod go-w fixes it)"
                : null;
        }

        if (status.Owner != user && status.Owner != 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"'{path}', a folder above it, is owned by user {status.Owner}, neither you (user {user}) nor root");
        }

        return status.WritableByGroupOrOthers && !status.IsSticky
            ? $"'{path}', a folder above it, can be written by its group or by others and has no sticky bit (mode {status.OctalPermissions})"
            : null;
    }

    private static string[] Components(string path) => path.Split('/', StringSplitOptions.RemoveEmptyEntries);
}
