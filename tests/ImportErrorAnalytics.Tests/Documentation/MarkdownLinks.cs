using System.Text;
using System.Text.RegularExpressions;

namespace ImportErrorAnalytics.Tests.Documentation;

/// <summary>
/// The links and headings of the repository's Markdown pages, read the way GitHub renders them: links outside code,
/// headings as anchors (GitHub's slugs: lower case, punctuation dropped, spaces as hyphens, <c>-1</c>, <c>-2</c> for
/// repeats).
/// </summary>
internal static partial class MarkdownLinks
{
    /// <summary>A link as written, and the line it is on.</summary>
    public sealed record Link(string Page, int Line, string Target);

    /// <summary>Every inline link <c>[text](target)</c> of <paramref name="markdown"/> outside fenced blocks and code spans.</summary>
    public static IEnumerable<Link> Links(string page, string markdown)
    {
        var lineNumber = 0;
        foreach (var line in Prose(markdown))
        {
            lineNumber++;
            if (line is null)
            {
                continue;
            }

            foreach (Match match in InlineLink().Matches(WithoutCodeSpans(line)))
            {
                yield return new Link(page, lineNumber, match.Groups["target"].Value);
            }
        }
    }

    /// <summary>The anchors GitHub gives the headings of <paramref name="markdown"/>.</summary>
    public static IReadOnlySet<string> Anchors(string markdown)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in Prose(markdown))
        {
            var heading = line is null ? null : Heading().Match(line);
            if (heading is not { Success: true })
            {
                continue;
            }

            var slug = Slug(heading.Groups["text"].Value);
            if (seen.TryGetValue(slug, out var count))
            {
                seen[slug] = count + 1;
                anchors.Add($"{slug}-{count + 1}");
            }
            else
            {
                seen[slug] = 0;
                anchors.Add(slug);
            }
        }

        return anchors;
    }

    /// <summary>GitHub's anchor for a heading's text.</summary>
    public static string Slug(string heading)
    {
        var slug = new StringBuilder(heading.Length);
        foreach (var c in heading.Trim().ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(c) || c is '-' or '_')
            {
                slug.Append(c);
            }
            else if (c == ' ')
            {
                slug.Append('-');
            }
        }

        return slug.ToString();
    }

    /// <summary>The lines of <paramref name="markdown"/>, with <see langword="null"/> for the lines of fenced blocks.</summary>
    private static IEnumerable<string?> Prose(string markdown)
    {
        string? fence = null;
        foreach (var line in markdown.ReplaceLineEndings("\n").Split('\n'))
        {
            var trimmed = line.TrimStart();
            if (fence is null && (trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith("~~~", StringComparison.Ordinal)))
            {
                fence = trimmed[..3];
                yield return null;
            }
            else if (fence is not null)
            {
                if (trimmed.StartsWith(fence, StringComparison.Ordinal))
                {
                    fence = null;
                }

                yield return null;
            }
            else
            {
                yield return line;
            }
        }
    }

    private static string WithoutCodeSpans(string line) => CodeSpan().Replace(line, "");

    [GeneratedRegex(@"(?<ticks>`+).*?\k<ticks>")]
    private static partial Regex CodeSpan();

    [GeneratedRegex(@"\]\((?<target>[^)\s]+)(?:\s+""[^""]*"")?\)")]
    private static partial Regex InlineLink();

    [GeneratedRegex(@"^#{1,6}\s+(?<text>.+?)\s*#*\s*$")]
    private static partial Regex Heading();
}
