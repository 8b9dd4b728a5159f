using FsCheck;
using FsCheck.Fluent;
using ImportErrorAnalytics.Browser.Tests.Support;
using ImportErrorAnalytics.Comparison;
using ImportErrorAnalytics.Tests.Reporting.Html;
using ImportErrorAnalytics.Reporting.Html;

namespace ImportErrorAnalytics.Browser.Tests;

/// <summary>
/// Reports whose every string is hostile, opened in Chromium: nothing from the data runs, loads, or becomes an element
/// or attribute our writer does not write; each string is shown as text, invisible and bidirectional characters escaped.
/// </summary>
[Collection(SharedBrowser.Name)]
[Slow(SlowKind.Browser)]
public sealed class HostileReportTests(BrowserFixture fixture)
{
    /// <summary>
    /// Markup, handlers, script addresses, CSS escapes and breakouts, and the characters that hide or reorder text.
    /// <c>@@D800@@</c> and <c>@@DC00@@</c> become lone surrogates in the inputs' names (<see cref="Reports.HostileAsync"/>).
    /// </summary>
    internal static readonly string[] Nasty =
    [
        "<script>window.__ieaRan.push('script')</script>",
        "<img src=x onerror=\"window.__ieaRan.push('img')\">",
        "\"><svg onload=window.__ieaRan.push('svg')>",
        "' onmouseover='window.__ieaRan.push(1)' x='",
        "<a href=\"javascript:window.__ieaRan.push('a')\">click</a>",
        "javascript:window.__ieaRan.push('url')",
        "</style><script>window.__ieaRan.push('style')</script>",
        "</script><script>window.__ieaRan.push('close')</script>",
        "\\3c script\\3e",
        "expression(alert(1))",
        "url(https://evil.example/x.png)",
        "<link rel=stylesheet href=https://evil.example/x.css>",
        "<base href=\"https://evil.example/\">",
        "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example/\">",
        "<iframe src=\"https://evil.example/\"></iframe>",
        "<!--", "-->", "]]>", "<![CDATA[", "&lt;b&gt;", "&amp;", "{{7*7}}", "${7*7}",
        "\u202Eevil", "\u2066isolate\u2069", "zero\u200Bwidth", "nul\0byte", "bell\u0007", "line\u2028sep",
        "@@D800@@", "@@DC00@@", "a@@D800@@b",
        "😀", "ﬀ", "e\u0301",
    ];

    private static readonly Gen<string[]> HostileStrings =
        Gen.Elements(Nasty).ArrayOf().Select(parts => string.Concat(parts.Take(3)))
            .Where(s => s.Length > 0)
            .ArrayOf()
            .Where(strings => strings.Length > 0)
            .Select(strings => strings.Take(12).ToArray());

    [Fact]
    public async Task EveryHostileStringAtOnce_StaysText()
    {
        await AssertStaysDataAsync(Nasty);
    }

    [Fact]
    public async Task AnyMixOfHostileStrings_StaysText()
    {
        var cases = HostileStrings.Sample(20, 12);
        foreach (var strings in cases)
        {
            await AssertStaysDataAsync(strings);
        }
    }

    /// <summary>
    /// A combined report of two imports built by hand, with the string in every field a report has: the imports' ids,
    /// names, states and warnings, custom results, skipped inputs, per-import tables; and the diff of it against a plain one.
    /// </summary>
    [Fact]
    public async Task EveryFieldOfACombinedReportAndADiff_HoldingEachHostileString_StaysText()
    {
        var plain = HandBuiltReports.With("plain");
        var ours = await VocabularyAsync(HtmlReport.Render(plain), ReportDiff.Compare(plain, HandBuiltReports.With("other")).ToHtml());
        foreach (var nasty in Nasty)
        {
            var text = nasty.Replace("@@D800@@", "\uD800", StringComparison.Ordinal).Replace("@@DC00@@", "\uDC00", StringComparison.Ordinal);
            var report = HandBuiltReports.With(text);
            await AssertStaysDataAsync(HtmlReport.Render(report), ours, [nasty]);
            await AssertStaysDataAsync(ReportDiff.Compare(plain, report).ToHtml(), ours, [nasty]);
        }
    }

    private async Task AssertStaysDataAsync(IReadOnlyList<string> strings)
    {
        var hostile = await Reports.HostileAsync(strings);
        var twin = await Reports.HostileAsync(strings.Select((_, i) => $"benign{i}").ToArray());
        var sample = await Reports.SampleAsync();
        await AssertStaysDataAsync(HtmlReport.Render(hostile), await VocabularyAsync(HtmlReport.Render(twin), HtmlReport.Render(sample)), strings);
    }

    /// <summary>The element and attribute names, and the links, that the pages <paramref name="htmls"/> of our writer hold once opened.</summary>
    private async Task<ElementShape[]> VocabularyAsync(params string[] htmls)
    {
        var shapes = new List<ElementShape>();
        foreach (var html in htmls)
        {
            await using var benign = await OpenedPage.OpenAsync(fixture, html, "benign");
            shapes.AddRange(await benign.Page.EvaluateExpressionAsync<ElementShape[]>(PageScripts.Vocabulary));
        }

        return [.. shapes];
    }

    private async Task AssertStaysDataAsync(string html, ElementShape[] ours, IReadOnlyList<string> strings)
    {
        await using var opened = await OpenedPage.OpenAsync(fixture, html, "hostile");
        var context = string.Join(" | ", strings);
        var ran = await opened.Page.EvaluateExpressionAsync<string[]>("window.__ieaRan");
        Assert.True(ran.Length == 0, $"script from the data ran ({string.Join(", ", ran)}): {context}");
        Assert.True(opened.Dialogs.Count == 0, $"a dialog opened: {context}");
        Assert.True(opened.OtherRequests.Count == 0, $"requests {string.Join(", ", opened.OtherRequests)}: {context}");
        Assert.True(opened.ConsoleProblems.Count == 0, $"console {string.Join(", ", opened.ConsoleProblems)}: {context}");
        Assert.True(opened.PageErrors.Count == 0, $"page errors {string.Join(", ", opened.PageErrors)}: {context}");

        // Every element and attribute name is one our writer writes for the same report without hostile strings.
        var written = await opened.Page.EvaluateExpressionAsync<ElementShape[]>(PageScripts.Vocabulary);
        var elements = ours.Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
        var attributes = ours.SelectMany(e => e.Attributes.Select(a => $"{e.Name}@{a.Name}")).ToHashSet(StringComparer.Ordinal);
        var links = ours.SelectMany(e => e.Attributes.Where(a => a.Name == "href").Select(a => a.Value)).ToHashSet(StringComparer.Ordinal);
        foreach (var element in written)
        {
            Assert.True(elements.Contains(element.Name), $"<{element.Name}> is not ours: {context}");
            foreach (var attribute in element.Attributes)
            {
                Assert.True(attributes.Contains($"{element.Name}@{attribute.Name}"), $"<{element.Name} {attribute.Name}> is not ours: {context}");
                Assert.False(attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase), $"handler {attribute.Name}: {context}");
                Assert.False(attribute.Value.TrimStart().StartsWith("javascript:", StringComparison.OrdinalIgnoreCase) && attribute.Name is "href" or "src" or "action" or "xlink:href",
                    $"script address in {attribute.Name}: {context}");
                if (attribute.Name == "href")
                {
                    Assert.True(links.Contains(attribute.Value), $"a link our writer does not write: {attribute.Value}: {context}");
                }
            }
        }

        Assert.Equal(1, written.Count(e => e.Name == "script"));
        Assert.Equal(1, written.Count(e => e.Name == "style"));

        // Shown as text: each string of plain printable characters appears in the page's text as it is (a backslash
        // doubled, as the Markdown report shows it, so that an escape like \u202E in the text is never ambiguous).
        var text = await opened.Page.EvaluateExpressionAsync<string>("document.body.innerText");
        foreach (var plain in strings.Where(s => s.All(c => c is >= ' ' and <= '~') && !s.Contains("@@", StringComparison.Ordinal)).Distinct())
        {
            var shown = plain.Replace("\\", "\\\\", StringComparison.Ordinal);
            Assert.True(text.Contains(shown, StringComparison.Ordinal), $"'{shown}' is not shown as text");
        }

        // Invisible, reordering and broken characters are never in the page raw, only escaped.
        Assert.DoesNotContain(text, c => c is '\u202E' or '\u2066' or '\u2069' or '\u200B' or '\0' or '\u0007' or '\u2028');
        Assert.False(HasLoneSurrogate(text), $"a lone surrogate in the page's text: {context}");
    }

    private static bool HasLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return true;
            }
        }

        return false;
    }
}
