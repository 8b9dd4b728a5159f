using ImportErrorAnalytics.Files;
using System.Runtime.Versioning;
using ImportErrorAnalytics.Cli.CustomAggregators.Trust;

namespace ImportErrorAnalytics.Cli.CustomAggregators;

/// <summary>
/// The folder of the compile cache, and whether it may be used. By default it is this user's cache folder
/// (<c>$XDG_CACHE_HOME/iea/aggregators</c>, else <c>~/.cache/iea/aggregators</c>; <c>~/Library/Caches/iea/aggregators</c>
/// on macOS; <c>%LOCALAPPDATA%\iea\aggregators</c> on Windows); <c>IEA_AGGREGATOR_CACHE</c> names another. Missing
/// folders are created with mode 0700. On Unix a folder that is not private to this user (<see cref="PrivateFolder"/>)
/// is refused: whoever else can write it could make this user run their code.
/// </summary>
/// <param name="Path">The folder; <see langword="null"/> when no location is known.</param>
/// <param name="Refusal">Why the folder must not be used; <see langword="null"/> when it may.</param>
internal sealed record AggregatorCacheFolder(string? Path, string? Refusal)
{
    /// <summary>The environment variable naming the folder.</summary>
    public const string Variable = "IEA_AGGREGATOR_CACHE";

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Whether entries may be read from and written to the folder.</summary>
    public bool IsUsable => Path is not null && Refusal is null;

    /// <summary>The folder <paramref name="environment"/> (a variable lookup) points at, created if missing and checked.</summary>
    public static AggregatorCacheFolder Open(Func<string, string?> environment) => Open(Locate(environment));

    /// <summary>The folder <c>IEA_AGGREGATOR_CACHE</c> names, else the platform's user cache folder; <see langword="null"/> when neither is known.</summary>
    public static string? Locate(Func<string, string?> environment)
    {
        if (environment(Variable) is { Length: > 0 } configured)
        {
            return System.IO.Path.GetFullPath(configured);
        }

        if (OperatingSystem.IsWindows())
        {
            var local = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
            return local.Length > 0 ? System.IO.Path.Combine(local, "iea", "aggregators") : null;
        }

        // The XDG Base Directory rules: a relative XDG_CACHE_HOME is invalid and ignored.
        var cacheHome = environment("XDG_CACHE_HOME") is { Length: > 0 } xdg && System.IO.Path.IsPathRooted(xdg) ? xdg : null;
        if (cacheHome is null && environment("HOME") is { Length: > 0 } home && System.IO.Path.IsPathRooted(home))
        {
            cacheHome = OperatingSystem.IsMacOS() ? System.IO.Path.Combine(home, "Library", "Caches") : System.IO.Path.Combine(home, ".cache");
        }

        return cacheHome is null ? null : System.IO.Path.Combine(cacheHome, "iea", "aggregators");
    }

    /// <summary>Creates <paramref name="path"/> if it is missing (mode 0700 for every folder created) and checks it.</summary>
    public static AggregatorCacheFolder Open(string? path)
    {
        if (path is null)
        {
            return new(null, $"no cache folder is known (set {Variable}, XDG_CACHE_HOME or HOME)");
        }

        try
        {
            if (OperatingSystem.IsWindows())
            {
                // The user's local application data is private to the user by its ACL; ownership is a Unix check.
                Directory.CreateDirectory(path);
                return new(path, null);
            }

            CreatePrivate(path);
            return new(path, PrivateFolder.Check(path, UnixFiles.EffectiveUserId));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or DllNotFoundException or EntryPointNotFoundException)
        {
            return new(path, $"'{path}' cannot be created or checked: {ex.Message}");
        }
    }

    /// <summary>Creates each missing folder of <paramref name="path"/>, top down, with mode 0700.</summary>
    [UnsupportedOSPlatform("windows")]
    private static void CreatePrivate(string path)
    {
        var missing = new Stack<string>();
        for (var current = System.IO.Path.GetFullPath(path); current is not null && !Directory.Exists(current); current = System.IO.Path.GetDirectoryName(current))
        {
            missing.Push(current);
        }

        while (missing.TryPop(out var folder))
        {
            Directory.CreateDirectory(folder, OwnerOnly);
        }
    }
}
