using System.Text.RegularExpressions;
using ImportErrorAnalytics.Cli;
using ImportErrorAnalytics.Tests.Support;

namespace ImportErrorAnalytics.Tests.Documentation;

/// <summary>
/// The README stays short and links to <c>docs/</c>; these tests keep the two honest: every option <c>iea --help</c>
/// lists is documented in <c>docs/command-line.md</c>, so is every exit code, and every link in the README and the
/// docs leads to a file, and a heading, that exist.
/// </summary>
public partial class DocumentationTests
{
    private static string Root => SamplePaths.RepositoryRoot;

    private static string CommandLinePage => File.ReadAllText(Path.Combine(Root, "docs", "command-line.md"));

    /// <summary>The commands of <c>iea</c>, by their path of names (the root is empty).</summary>
    public static TheoryData<string> Commands()
    {
        var data = new TheoryData<string>();
        var root = IeaCommand.CreateRoot(TextWriter.Null, TextWriter.Null);
        data.Add("");
        foreach (var command in root.Subcommands)
        {
            data.Add(command.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task EveryOptionTheHelpLists_IsDocumented(string command)
    {
        var help = await HelpAsync(command);
        var options = OptionsListed(help);
        Assert.NotEmpty(options);

        var page = CommandLinePage;
        var missing = options
            .Where(option => option is not "--help" and not "--version")
            .Where(option => !Documented(page, option))
            .ToList();

        Assert.True(missing.Count == 0, $"'iea {command} --help' lists options that docs/command-line.md does not document: {string.Join(", ", missing)}");
    }

    [Fact]
    public async Task TheHelp_LinksToTheReference()
    {
        var help = await HelpAsync("");

        var link = HelpLink().Match(help);
        Assert.True(link.Success, $"'iea --help' names no docs page:\n{help}");
        Assert.True(File.Exists(Path.Combine(Root, link.Value)), $"'iea --help' links to {link.Value}, which does not exist.");
    }

    [Fact]
    public void EveryExitCode_IsInTheTable()
    {
        var page = CommandLinePage;
        var codes = typeof(ExitCodes).GetFields()
            .Where(field => field.IsLiteral && field.FieldType == typeof(int))
            .Select(field => (int)field.GetRawConstantValue()!)
            .Distinct()
            .ToList();
        Assert.NotEmpty(codes);

        var missing = codes.Where(code => !page.Contains($"\n| {code} |", StringComparison.Ordinal)).ToList();

        Assert.True(missing.Count == 0, $"docs/command-line.md has no row for the exit codes {string.Join(", ", missing)}.");
    }

    /// <summary>Every page a reader walks: the README, <c>docs/</c> and the other READMEs of the repository.</summary>
    public static TheoryData<string> Pages()
    {
        var data = new TheoryData<string>();
        foreach (var page in MarkdownPages())
        {
            data.Add(page);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void EveryLink_Resolves(string page)
    {
        var path = Path.Combine(Root, page);
        var broken = new List<string>();
        foreach (var link in MarkdownLinks.Links(page, File.ReadAllText(path)))
        {
            if (Problem(path, link.Target) is { } problem)
            {
                broken.Add($"{page}:{link.Line}: ({link.Target}) {problem}");
            }
        }

        Assert.True(broken.Count == 0, string.Join("\n", broken));
    }

    [Fact]
    public void TheLinkCheck_FindsABrokenLinkAndAMissingHeading()
    {
        // The check itself, on text with one good and two bad links, so a check that finds nothing cannot pass unseen.
        const string Text = "# Top\n\nSee [ok](#top), [gone](#nowhere) and [no file](missing.md).\n\n```\n[in code](#ignored)\n```\n";
        var links = MarkdownLinks.Links("x.md", Text).ToList();
        var readme = Path.Combine(Root, "README.md");

        Assert.Equal(["#top", "#nowhere", "missing.md"], links.Select(link => link.Target));
        Assert.Contains("top", MarkdownLinks.Anchors(Text));
        Assert.NotNull(Problem(readme, "#nowhere"));
        Assert.NotNull(Problem(readme, "missing.md"));
        Assert.Null(Problem(readme, "docs/command-line.md#synopsis-and-options"));
        Assert.NotNull(Problem(readme, "docs/command-line.md#no-such-heading"));
    }

    [Fact]
    public void TheReadme_StaysAnOverview()
    {
        // The reference lives in docs/: the README keeps what the project is, the two first commands, a tour and links.
        var lines = File.ReadAllLines(Path.Combine(Root, "README.md")).Length;

        Assert.True(lines <= 250, $"README.md has {lines} lines; move reference text into docs/.");
    }

    private static string? Problem(string fromPage, string target)
    {
        if (Uri.TryCreate(target, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https" or "mailto")
        {
            // No network here: an outside address is checked for its form only.
            return absolute.Scheme == "http" ? "uses http, not https" : null;
        }

        var hash = target.IndexOf('#', StringComparison.Ordinal);
        var file = hash < 0 ? target : target[..hash];
        var anchor = hash < 0 ? null : target[(hash + 1)..];
        var resolved = file.Length == 0 ? fromPage : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(fromPage)!, Uri.UnescapeDataString(file)));
        if (!resolved.StartsWith(Root, StringComparison.Ordinal))
        {
            return "leaves the repository";
        }

        if (!File.Exists(resolved) && !Directory.Exists(resolved))
        {
            return "names no file";
        }

        if (anchor is null)
        {
            return null;
        }

        if (!resolved.EndsWith(".md", StringComparison.Ordinal))
        {
            return "has an anchor into a file that is not Markdown";
        }

        return MarkdownLinks.Anchors(File.ReadAllText(resolved)).Contains(anchor) ? null : $"names no heading '{anchor}' of {Path.GetRelativePath(Root, resolved)}";
    }

    private static IEnumerable<string> MarkdownPages()
    {
        yield return "README.md";
        foreach (var folder in new[] { "docs", "samples", "benchmarks", "src", "tests" })
        {
            var path = Path.Combine(Root, folder);
            if (!Directory.Exists(path))
            {
                continue;
            }

            foreach (var file in Directory.EnumerateFiles(path, "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var relative = Path.GetRelativePath(Root, file);
                if (!relative.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj" or "Snapshots" or "BenchmarkDotNet.Artifacts") && !relative.EndsWith(".golden.md", StringComparison.Ordinal))
                {
                    yield return relative;
                }
            }
        }
    }

    private static async Task<string> HelpAsync(string command)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        string[] args = command.Length == 0 ? ["--help"] : [command, "--help"];

        var code = await IeaCommand.RunAsync(args, stdout, stderr);

        Assert.True(code == 0, $"'iea {string.Join(' ', args)}' exited {code}: {stderr}");
        return stdout.ToString();
    }

    /// <summary>The long names of the options in the help's "Options:" section.</summary>
    private static List<string> OptionsListed(string help)
    {
        var section = help.IndexOf("Options:", StringComparison.Ordinal);
        Assert.True(section >= 0, $"The help has no options section:\n{help}");
        var options = new List<string>();
        foreach (var line in help[section..].ReplaceLineEndings("\n").Split('\n').Skip(1))
        {
            if (line.Length == 0 || !char.IsWhiteSpace(line[0]))
            {
                if (line.Length > 0)
                {
                    break;
                }

                continue;
            }

            // "  -i, --input <input>  description": the names come before the first run of two spaces after them.
            var names = line.TrimStart().Split("  ", 2)[0];
            options.AddRange(LongName().Matches(names).Select(match => match.Value));
        }

        return options;
    }

    /// <summary>An option counts as documented where it starts a code span of the page (a table row or the text).</summary>
    private static bool Documented(string page, string option) =>
        Regex.IsMatch(page, "`" + Regex.Escape(option) + @"(?![a-z0-9-])");

    [GeneratedRegex(@"--[a-z0-9][a-z0-9-]*")]
    private static partial Regex LongName();

    [GeneratedRegex(@"docs/[a-z0-9-]+\.md")]
    private static partial Regex HelpLink();
}
