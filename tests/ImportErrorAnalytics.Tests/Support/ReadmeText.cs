namespace ImportErrorAnalytics.Tests.Support;

/// <summary>Blocks of the repository's README, read as the tests need them: the commands and programs it tells users to run.</summary>
internal static class ReadmeText
{
    /// <summary>The README, with <c>\n</c> line ends.</summary>
    public static string Text => File.ReadAllText(Path.Combine(SamplePaths.RepositoryRoot, "README.md")).ReplaceLineEndings("\n");

    /// <summary>The first fenced block of language <paramref name="language"/> after the heading <paramref name="heading"/>.</summary>
    public static string Block(string heading, string language)
    {
        var readme = Text;
        var section = readme.IndexOf("\n" + heading + "\n", StringComparison.Ordinal);
        Assert.True(section >= 0, $"README has no heading '{heading}'.");
        var fence = $"```{language}\n";
        var start = readme.IndexOf(fence, section, StringComparison.Ordinal) + fence.Length;
        var end = readme.IndexOf("```\n", start, StringComparison.Ordinal);
        return readme[start..end];
    }

    /// <summary>The lines of the first <c>sh</c> block after <paramref name="heading"/>: one command each.</summary>
    public static IReadOnlyList<string> Commands(string heading) =>
        Block(heading, "sh").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
