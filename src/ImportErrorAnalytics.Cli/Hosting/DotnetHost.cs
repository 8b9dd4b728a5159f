namespace ImportErrorAnalytics.Cli.Hosting;

/// <summary>
/// Finds the <c>dotnet</c> host that runs the JIT build of <c>iea</c>, in the order .NET's own application hosts look
/// for the runtime on Linux: <c>DOTNET_ROOT_X64</c>, <c>DOTNET_ROOT</c>, then <c>dotnet</c> on the <c>PATH</c> (where
/// <c>dotnet tool install</c> was run from), then the registered install location
/// (<c>/etc/dotnet/install_location_x64</c>, <c>/etc/dotnet/install_location</c>), then the default folders.
/// </summary>
internal static class DotnetHost
{
    private static readonly string[] DefaultFolders = ["/usr/share/dotnet", "/usr/lib/dotnet"];

    /// <summary>The host of this machine, or <see langword="null"/> when none is found.</summary>
    public static string? Find() => Find(
        Environment.GetEnvironmentVariable,
        File.Exists,
        path => File.Exists(path) ? File.ReadLines(path).FirstOrDefault() : null);

    /// <summary>As <see cref="Find()"/>, over the given environment and file system (for tests).</summary>
    internal static string? Find(Func<string, string?> environment, Func<string, bool> exists, Func<string, string?> firstLine)
    {
        foreach (var candidate in Candidates(environment, firstLine))
        {
            if (Path.IsPathFullyQualified(candidate) && exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static IEnumerable<string> Candidates(Func<string, string?> environment, Func<string, string?> firstLine)
    {
        foreach (var variable in (string[])["DOTNET_ROOT_X64", "DOTNET_ROOT"])
        {
            if (environment(variable) is { Length: > 0 } root)
            {
                yield return Path.Combine(root, "dotnet");
            }
        }

        foreach (var folder in (environment("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            yield return Path.Combine(folder, "dotnet");
        }

        foreach (var registration in (string[])["/etc/dotnet/install_location_x64", "/etc/dotnet/install_location"])
        {
            if (firstLine(registration)?.Trim() is { Length: > 0 } root)
            {
                yield return Path.Combine(root, "dotnet");
            }
        }

        foreach (var folder in DefaultFolders)
        {
            yield return Path.Combine(folder, "dotnet");
        }
    }
}
