using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using ImportErrorAnalytics.Model;

namespace ImportErrorAnalytics.Tests.Reporting.Html;

/// <summary>Parses a page as a browser would (AngleSharp) and checks what every page must hold.</summary>
internal static partial class HtmlChecks
{
    /// <summary>Every element the writers may emit.</summary>
    public static readonly HashSet<string> Elements = new(StringComparer.OrdinalIgnoreCase)
    {
        "html", "head", "meta", "title", "style", "script", "body", "main", "section", "h1", "h2", "h3", "p", "em", "strong",
        "code", "pre", "dl", "dt", "dd", "ul", "li", "a", "table", "caption", "thead", "tbody", "tr", "th", "td",
        "svg", "rect", "text",
    };

    /// <summary>Every attribute the writers may emit.</summary>
    public static readonly HashSet<string> Attributes = new(StringComparer.OrdinalIgnoreCase)
    {
        "lang", "charset", "http-equiv", "name", "content", "id", "class", "href", "rel", "scope", "data-sortable", "data-sort-value",
        "data-chart", "data-label", "data-value", "data-first", "data-last", "role", "aria-label", "viewBox", "width", "height", "x", "y",
    };

    /// <summary>Parses <paramref name="html"/>, failing on any parse error (a page that is not well-formed).</summary>
    public static IHtmlDocument Parse(string html)
    {
        var errors = new List<string>();
        var parser = new HtmlParser();
        parser.Error += (_, e) => errors.Add(((AngleSharp.Html.Dom.Events.HtmlErrorEvent)e).Message + " at " + ((AngleSharp.Html.Dom.Events.HtmlErrorEvent)e).Position);
        var document = parser.ParseDocument(html);
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        return document;
    }

    /// <summary>
    /// The whitelist, the policy and the hooks: only our elements and attributes, no event handler, no script URL, no
    /// style attribute; one style and one script whose hashes the policy names; section ids of ours; data tables shaped
    /// as promised.
    /// </summary>
    public static IHtmlDocument CheckPage(string html)
    {
        var document = Parse(html);
        foreach (var element in document.All)
        {
            Assert.True(Elements.Contains(element.LocalName), $"element <{element.LocalName}> is not on the whitelist");
            foreach (var attribute in element.Attributes)
            {
                Assert.True(Attributes.Contains(attribute.Name), $"attribute {attribute.Name} of <{element.LocalName}> is not on the whitelist");
                Assert.False(attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase), attribute.Name);
                Assert.False(attribute.Value.TrimStart().StartsWith("javascript:", StringComparison.OrdinalIgnoreCase), attribute.Value);
            }
        }

        Assert.Empty(document.QuerySelectorAll("[style]"));
        foreach (var link in document.QuerySelectorAll("a"))
        {
            Assert.Contains(link.GetAttribute("href"), HubSpotErrorGuides.All.Select(g => g.Link));
        }

        CheckPolicy(document);
        CheckTables(document);
        CheckCharts(document);
        foreach (var section in document.QuerySelectorAll("section[id]"))
        {
            Assert.Matches(SectionId(), section.Id!);
        }

        return document;
    }

    public static void CheckPolicy(IHtmlDocument document)
    {
        var style = Assert.Single(document.QuerySelectorAll("style"));
        var script = Assert.Single(document.QuerySelectorAll("script"));
        var meta = Assert.Single(document.QuerySelectorAll("meta[http-equiv]"));
        Assert.Equal("Content-Security-Policy", meta.GetAttribute("http-equiv"));
        var policy = meta.GetAttribute("content")!;
        Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
        Assert.Contains($"style-src 'sha256-{Sha256(style.TextContent)}'", policy, StringComparison.Ordinal);
        Assert.Contains($"script-src 'sha256-{Sha256(script.TextContent)}'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("http", policy, StringComparison.Ordinal);
    }

    /// <summary>Every table: the hook classes, a caption, one header row of th scope=col, every body row as wide as the header.</summary>
    public static void CheckTables(IHtmlDocument document)
    {
        foreach (var table in document.QuerySelectorAll("table").Cast<IHtmlTableElement>())
        {
            Assert.True(table.ClassList.Contains("iea-table") && table.HasAttribute("data-sortable"), table.OuterHtml[..Math.Min(200, table.OuterHtml.Length)]);
            Assert.NotNull(table.Caption);
            var head = Assert.Single(table.Head!.Rows);
            Assert.All(head.Cells, cell => Assert.Equal(("TH", "col"), (cell.TagName, cell.GetAttribute("scope"))));
            foreach (var body in table.Bodies)
            {
                Assert.All(body.Rows, row => Assert.Equal(head.Cells.Length, row.Cells.Length));
            }

            foreach (var cell in table.QuerySelectorAll("td[data-sort-value]"))
            {
                Assert.True(double.TryParse(cell.GetAttribute("data-sort-value"), System.Globalization.CultureInfo.InvariantCulture, out _));
            }
        }
    }

    /// <summary>
    /// Every chart is an image with a label and a title, and its bars hold the numbers of the table that follows it, in
    /// its order: the Errors column, or Before and After in turn (the diff).
    /// </summary>
    public static void CheckCharts(IHtmlDocument document)
    {
        foreach (var chart in document.QuerySelectorAll("svg"))
        {
            Assert.True(chart.ClassList.Contains("iea-chart"));
            Assert.Contains(chart.GetAttribute("data-chart"), new[] { "error-types", "columns", "lines" });
            Assert.Equal("img", chart.GetAttribute("role"));
            Assert.False(string.IsNullOrEmpty(chart.GetAttribute("aria-label")));
            Assert.NotNull(chart.QuerySelector(":scope > title"));
            var bars = chart.QuerySelectorAll("rect.iea-bar").ToList();
            Assert.All(bars, bar => Assert.NotNull(bar.QuerySelector("title")));
            var values = bars.Select(bar => long.Parse(bar.GetAttribute("data-value")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
            var table = chart.NextElementSibling;
            Assert.Equal("TABLE", table?.TagName);
            var headings = table!.QuerySelectorAll("thead th").Select(th => th.TextContent).ToList();
            var expected = headings.Contains("Errors")
                ? Column(table, "Errors")
                : Column(table, "Before").Zip(Column(table, "After")).SelectMany(pair => new[] { pair.First, pair.Second }).ToList();
            Assert.Equal(expected, values);
        }
    }

    /// <summary>A column's raw numbers (data-sort-value) in a table, by the column's heading.</summary>
    public static List<long> Column(IElement table, string heading)
    {
        var headings = table.QuerySelectorAll("thead th").Select(th => th.TextContent).ToList();
        var index = headings.IndexOf(heading);
        Assert.True(index >= 0, $"no column '{heading}' in {string.Join(", ", headings)}");
        return table.QuerySelectorAll("tbody tr").Select(row => long.Parse(row.Children[index].GetAttribute("data-sort-value")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
    }

    public static string Sha256(string text) => Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    [GeneratedRegex("^(summary|imports|import-[1-9][0-9]*|error-types|guides|columns|object-types|files|top-values|blocks|file-wide|custom|skipped|left-out|not-compared|cut)$")]
    private static partial Regex SectionId();
}
