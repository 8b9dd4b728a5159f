using System.Text;
using System.Text.Json;
using AngleSharp.Dom;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ImportErrorAnalytics.Escaping;
using ImportErrorAnalytics.Reporting;
using ImportErrorAnalytics.Reporting.Html;

namespace ImportErrorAnalytics.Tests.Reporting.Html;

/// <summary>Hostile strings in every field of a report stay text: never an element, attribute, URL, style or script.</summary>
public class HtmlSafetyProperties
{
    internal static readonly string[] Nasty =
    [
        "<script>alert(1)</script>", "</script>", "<img src=x onerror=alert(1)>", "\" onmouseover=\"alert(1)", "' onfocus='alert(1)",
        "javascript:alert(1)", "<a href=\"javascript:alert(1)\">x</a>", "</style>", "<style>*{display:none}</style>", "\\3c script\\3e",
        "expression(alert(1))", "url(https://evil.example/x)", "]]>", "<![CDATA[", "<!--", "-->", "<svg onload=alert(1)>", "</svg>",
        "</textarea>", "</title>", "&lt;", "&amp;", "&#x3C;", "\uD800", "\uDC00", "\u202E", "\u2066", "\u200B", "\u200D", "\uFEFF", "\0",
        "\u0007", "\u001b[31m", "\n", "\r\n", "\u2028", "\\", "\"", "'", "`", "<", ">", "&", "😀", "<iframe srcdoc=x>", "data:text/html,x",
    ];

    private static readonly Arbitrary<string> Hostile = Arb.From(
        Gen.Elements(Nasty).ArrayOf().Select(parts => string.Concat(parts.Take(5))).Where(text => text.Length > 0));

    [Property(MaxTest = 60)]
    public Property EveryField_StaysText() => Prop.ForAll(Hostile, text =>
    {
        var report = HandBuiltReports.With(text);
        var html = HtmlReport.Render(report);
        var document = HtmlChecks.CheckPage(html);

        foreach (var raw in new[] { "\u202E", "\u2066", "\u200B", "\u200D", "\uFEFF", "\0", "\u0007", "\u001b", "\u2028" })
        {
            Assert.DoesNotContain(raw, html, StringComparison.Ordinal);
        }

        var shown = Visible(text);
        Assert.Contains(shown + "0", Section(document, "error-types"), StringComparison.Ordinal);
        Assert.Contains(shown + "0", Section(document, "guides"), StringComparison.Ordinal);
        Assert.Contains(shown + "p0", Section(document, "columns"), StringComparison.Ordinal);
        Assert.Contains(shown + "v0", Section(document, "top-values"), StringComparison.Ordinal);
        Assert.Contains(shown, Section(document, "top-values"), StringComparison.Ordinal);
        Assert.Contains(shown + "id-a", Section(document, "imports"), StringComparison.Ordinal);
        Assert.Contains(shown + "name", Section(document, "imports"), StringComparison.Ordinal);
        Assert.Contains(shown + "state", Section(document, "imports"), StringComparison.Ordinal);
        Assert.Contains(shown + "id-a", Section(document, "import-1"), StringComparison.Ordinal);
        Assert.Contains(shown + "warning", Section(document, "summary"), StringComparison.Ordinal);
        Assert.Contains(shown + "file.json", Section(document, "skipped"), StringComparison.Ordinal);
        Assert.Contains(shown + "reason", Section(document, "skipped"), StringComparison.Ordinal);
        Assert.Contains(shown + "agg", Section(document, "custom"), StringComparison.Ordinal);
        // The custom result's JSON line by line, as indented as the Markdown report shows it: its own escapes stay as
        // JSON wrote them (backslashes not doubled), anything invisible is still escaped.
        var jsonLines = Json(HandBuiltReports.CustomValue(text)).Split('\n').Select(line => EscapedText.Escape(line, escapeBackslash: false) + "\n");
        Assert.Equal(string.Concat(jsonLines), document.QuerySelector("#custom pre")!.TextContent);

        // Attribute values of ours that carry data hold its visible form, encoded and decoded back.
        var labels = document.QuerySelectorAll("svg[data-chart=error-types] rect.iea-bar").Select(bar => bar.GetAttribute("data-label")).ToList();
        Assert.Equal(report.ErrorTypes.Select(type => HtmlBuilder.Attr(type.ErrorType!)), labels);
    });

    [Property(MaxTest = 30)]
    public Property TheDiff_KeepsEveryFieldText() => Prop.ForAll(Hostile, text =>
    {
        var before = HandBuiltReports.With(text);
        var after = HandBuiltReports.With(text + "x", rows: 4);
        var html = ImportErrorAnalytics.Comparison.ReportDiff.Compare(before, after).ToHtml();
        var document = HtmlChecks.CheckPage(html);

        Assert.Contains(Visible(text + "x0"), Section(document, "error-types"), StringComparison.Ordinal);
        Assert.Contains(Visible(text + "xp3"), Section(document, "columns"), StringComparison.Ordinal);
        Assert.DoesNotContain("\u202E", html, StringComparison.Ordinal);
    });

    internal static string Visible(string text) => EscapedText.Escape(text, escapeBackslash: true);

    private static string Section(IDocument document, string id) => document.GetElementById(id)?.TextContent ?? throw new Xunit.Sdk.XunitException($"no section #{id}");

    private static string Json(string text)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStringValue(text);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
