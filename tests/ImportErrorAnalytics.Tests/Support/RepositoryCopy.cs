namespace ImportErrorAnalytics.Tests.Support;

/// <summary>
/// The repository's working tree as a fresh clone has it: every file but git's own folder and what the .gitignore
/// keeps out (build output, test results, the packed artifacts). Tests that build the repository the way the README
/// tells a user to work on such a copy, so they neither see this checkout's build output nor write into it.
/// </summary>
internal static class RepositoryCopy
{
    /// <summary>Folder names left out wherever they are (the .gitignore's <c>bin/</c>, <c>obj/</c>, ... and git's own).</summary>
    private static readonly HashSet<string> SkippedFolders = new(StringComparer.Ordinal) { ".git", "bin", "obj", ".vs", "TestResults", "BenchmarkDotNet.Artifacts" };

    /// <summary>Copies <paramref name="repository"/> to <paramref name="destination"/> (created) and returns <paramref name="destination"/>.</summary>
    public static string Create(string repository, string destination)
    {
        Copy(new DirectoryInfo(repository), Directory.CreateDirectory(destination), isRoot: true);
        return destination;
    }

    private static void Copy(DirectoryInfo source, DirectoryInfo destination, bool isRoot)
    {
        foreach (var file in source.EnumerateFiles())
        {
            if (!file.Name.EndsWith(".user", StringComparison.Ordinal))
            {
                file.CopyTo(Path.Combine(destination.FullName, file.Name));
            }
        }

        foreach (var folder in source.EnumerateDirectories())
        {
            // The root's artifacts/ is the README's pack output (/artifacts/ in the .gitignore).
            if (!SkippedFolders.Contains(folder.Name) && !(isRoot && folder.Name == "artifacts") && folder.LinkTarget is null)
            {
                Copy(folder, destination.CreateSubdirectory(folder.Name), isRoot: false);
            }
        }
    }
}
