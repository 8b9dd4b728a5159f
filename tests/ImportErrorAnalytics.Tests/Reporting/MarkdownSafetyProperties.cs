using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ImportErrorAnalytics.Model;
using ImportErrorAnalytics.Reporting;
using ImportErrorAnalytics.Reporting.Markdown;
using ImportErrorAnalytics.Testing;
using ImportErrorAnalytics.Tests.Support;
using Markdig;

namespace ImportErrorAnalytics.Tests.Reporting;

/// <summary>Hostile strings from the import never break a Markdown table and never become live HTML or links.</summary>
public partial class MarkdownSafetyProperties
{
    internal static readonly MarkdownPipeline GitHubLike = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    internal static readonly string[] Nasty =
    [
        "|", "||", "\\|", "`", "``", "```", "~~~", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<!-- x", "-->", "[link](https://evil.example)",
        "![img](https://evil.example/x.png)", "https://evil.example", "www.evil.example", "user@evil.example", "\n", "\r\n", "\u2028", "\u202Eevil", "\u2066x\u2069",
        "# heading", "> quote", "- item", "***", "&lt;", "&amp;", "\0", "\u0007", "\u001b[31m", "*", "_", "<", ">", "\\", "  ", "😀", "|---|---|", "<details>",
    ];

    private static readonly Gen<string> Hostile =
        Gen.Elements(Nasty).ArrayOf().Select(parts => string.Concat(parts.Take(6)));

    private static readonly Arbitrary<SyntheticError[]> HostileErrors = Arb.From(
        from values in Hostile.ArrayOf()
        from property in Hostile
        from errorType in Hostile
        select values.Select((value, i) => new SyntheticError
        {
            Id = "e" + i,
            ErrorType = i % 3 == 0 ? errorType : "INVALID_EMAIL",
            KnownColumnNumber = i % 4,
            PropertyName = property,
            DataSensitivity = "none",
            InvalidValue = value,
            FileId = 1,
            LineNumber = i + 1,
        }).ToArray());

    [Property(MaxTest = 150)]
    public Property Render_KeepsEveryTableRowAtTheHeaderColumnCount() =>
        Prop.ForAll(HostileErrors, errors =>
        {
            var markdown = Render(errors);

            foreach (var table in Tables(markdown))
            {
                var columns = Cells(table[0]);
                Assert.All(table, row => Assert.Equal(columns, Cells(row)));
            }
        });

    [Property(MaxTest = 150)]
    public Property Render_NeverProducesLiveHtmlOrLinks() =>
        Prop.ForAll(HostileErrors, errors =>
        {
            var markdown = Render(errors);
            var html = Markdig.Markdown.ToHtml(markdown, GitHubLike);

            Assert.DoesNotMatch(LiveTag(), WithoutOwnLinks(html));
            Assert.DoesNotContain("\u202E", markdown, StringComparison.Ordinal);
            Assert.DoesNotContain("\u0007", markdown, StringComparison.Ordinal);
            Assert.DoesNotContain("\u2028", markdown, StringComparison.Ordinal);
        });

    [Property(MaxTest = 60)]
    public Property Render_KeepsCodeFencesClosed() =>
        Prop.ForAll(HostileErrors, errors =>
        {
            var markdown = Render(errors);
            var fences = markdown.Split('\n').Count(line => line.StartsWith("```", StringComparison.Ordinal));
            Assert.Equal(0, fences % 2);
        });

    private static string Render(SyntheticError[] errors)
    {
        var report = AnalyzerRuns.Run([("hostile|<b>.json", JsonText.Page(errors, null), ImportErrorAnalytics.Parsing.InputFormat.Pages)], o => o.ClusterGap = 0);
        return MarkdownReport.Render(report);
    }

    /// <summary>
    /// The HTML without the report's only links, the project's own to HubSpot's documentation in the "What to do" guides;
    /// fails when such a link points anywhere else.
    /// </summary>
    internal static string WithoutOwnLinks(string html)
    {
        var ownLinks = HubSpotErrorGuides.All.Select(g => g.Link).OfType<string>().ToHashSet(StringComparer.Ordinal);
        Assert.All(OwnLink().Matches(html), link => Assert.Contains(link.Groups[1].Value, ownLinks));
        return OwnLink().Replace(html, "");
    }

    /// <summary>Consecutive lines starting with '|'.</summary>
    internal static IEnumerable<List<string>> Tables(string markdown)
    {
        var current = new List<string>();
        foreach (var line in markdown.Split('\n'))
        {
            if (line.StartsWith('|'))
            {
                current.Add(line);
            }
            else if (current.Count > 0)
            {
                yield return current;
                current = [];
            }
        }

        if (current.Count > 0)
        {
            yield return current;
        }
    }

    /// <summary>Cells as GitHub splits them: on every pipe not escaped by a backslash.</summary>
    internal static int Cells(string row)
    {
        var pipes = 0;
        for (var i = 0; i < row.Length; i++)
        {
            if (row[i] == '\\')
            {
                i++;
            }
            else if (row[i] == '|')
            {
                pipes++;
            }
        }

        return pipes - 1;
    }

    [GeneratedRegex("<(script|img|a |a>|iframe|details|b>|!--)", RegexOptions.IgnoreCase)]
    internal static partial Regex LiveTag();

    /// <summary>A whole link element as Markdig writes one from <c>[text](url)</c>; group 1 is the address.</summary>
    [GeneratedRegex("<a href=\"([^\"]*)\">HubSpot's help</a>")]
    private static partial Regex OwnLink();
}
