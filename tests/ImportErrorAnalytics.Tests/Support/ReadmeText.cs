namespace ImportErrorAnalytics.Tests.Support;

/// <summary>
/// Blocks of the repository's README and <c>docs/</c> pages, read as the tests need them: the commands and programs
/// they tell users to run.
/// </summary>
internal static class ReadmeText
{
    /// <summary>The README, with <c>\n</c> line ends.</summary>
    public static string Text => File.ReadAllText(Path.Combine(SamplePaths.RepositoryRoot, "README.md")).ReplaceLineEndings("\n");

    /// <summary>
    /// The first fenced block of language <paramref name="language"/> after the heading <paramref name="heading"/> of
    /// <paramref name="page"/> (a path from the repository's root; the README by default).
    /// </summary>
    public static string Block(string heading, string language, string page = "README.md")
    {
        var readme = File.ReadAllText(Path.Combine(SamplePaths.RepositoryRoot, page)).ReplaceLineEndings("\n");
        var section = readme.IndexOf("\n" + heading + "\n", StringComparison.Ordinal);
        Assert.True(section >= 0, $"{page} has no heading '{heading}'.");
        var fence = $"```{language}\n";
        var start = readme.IndexOf(fence, section, StringComparison.Ordinal) + fence.Length;
        var end = readme.IndexOf("```\n", start, StringComparison.Ordinal);
        return readme[start..end];
    }

    /// <summary>The lines of the first <c>sh</c> block after <paramref name="heading"/>: one command each.</summary>
    public static IReadOnlyList<string> Commands(string heading) =>
        Block(heading, "sh").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
