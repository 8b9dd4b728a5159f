using ImportErrorAnalytics.Browser.Tests.Support;
using ImportErrorAnalytics.Reporting;
using ImportErrorAnalytics.Reporting.Html;
using PuppeteerSharp;
using PuppeteerSharp.PageAccessibility;
using PuppeteerSharp.Input;
using PuppeteerSharp.Media;

namespace ImportErrorAnalytics.Browser.Tests;

/// <summary>The sample import's HTML report, opened from disk in Chromium as a person opens an artifact.</summary>
[Collection(SharedBrowser.Name)]
[Slow(SlowKind.Browser)]
public sealed class SampleReportTests(BrowserFixture fixture)
{
    [Fact]
    public async Task ThePage_Renders_WithNoConsoleErrorNoExceptionAndNoRequest()
    {
        var report = await Reports.SampleAsync();
        await using var opened = await OpenedPage.OpenAsync(fixture, HtmlReport.Render(report), "sample");

        Assert.Empty(opened.ConsoleProblems);
        Assert.Empty(opened.PageErrors);
        Assert.Empty(opened.OtherRequests);
        Assert.Empty(opened.Dialogs);
        Assert.StartsWith("Import errors", await opened.Page.GetTitleAsync(), StringComparison.Ordinal);

        // The page's own script ran (the policy let its hash through): the tables became sortable.
        Assert.True(await opened.Page.EvaluateExpressionAsync<int>("document.querySelectorAll('button.iea-sort').length") > 0);
        Assert.True(await opened.Page.EvaluateExpressionAsync<int>("document.querySelectorAll('input.iea-filter').length") > 0);
    }

    [Fact]
    public async Task EveryTable_HasACaptionAndEveryRowTheHeadersColumnCount()
    {
        var report = await Reports.SampleAsync();
        await using var opened = await OpenedPage.OpenAsync(fixture, HtmlReport.Render(report), "sample-tables");

        var tables = await opened.Page.EvaluateExpressionAsync<TableShape[]>(PageScripts.TableShapes);

        Assert.True(tables.Length >= 5, $"{tables.Length} tables");
        Assert.All(tables, table =>
        {
            Assert.False(string.IsNullOrWhiteSpace(table.Caption), "a table without a caption");
            Assert.Equal(1, table.HeaderRows);
            Assert.True(table.Columns > 0);
            Assert.All(table.HeaderScopes, scope => Assert.Equal("col", scope));
            Assert.All(table.RowCells, cells => Assert.Equal(table.Columns, cells));
        });
    }

    [Fact]
    public async Task TheErrorTypeChart_HasOneBarPerType_WithItsLabelAndCount_AndLengthsInProportion()
    {
        var report = await Reports.SampleAsync();
        await using var opened = await OpenedPage.OpenAsync(fixture, HtmlReport.Render(report), "sample-chart");

        var bars = await opened.Page.EvaluateExpressionAsync<BarShape[]>(PageScripts.Bars("error-types"));

        Assert.Equal(report.ErrorTypes.Select(t => t.Count), bars.Select(b => b.Value));
        Assert.Equal(report.ErrorTypes.Select(t => t.ErrorType), bars.Select(b => b.Label));
        Assert.All(bars, bar => Assert.Contains(bar.Label!, bar.Title, StringComparison.Ordinal));
        AssertInProportion(bars);
    }

    [Fact]
    public async Task TheColumnChart_HasOneBarPerColumn_AndTheLinesChart_OneMarkPerBlockOfFailingLines()
    {
        var report = await Reports.SampleAsync();
        await using var opened = await OpenedPage.OpenAsync(fixture, HtmlReport.Render(report), "sample-columns");

        var columns = await opened.Page.EvaluateExpressionAsync<BarShape[]>(PageScripts.Bars("columns"));
        Assert.Equal(report.Columns.Select(c => c.Count), columns.Select(b => b.Value));
        AssertInProportion(columns);

        var blocks = await opened.Page.EvaluateExpressionAsync<BarShape[]>(PageScripts.Bars("lines"));
        Assert.Equal(report.LineClusters.Sum(f => f.Clusters.Count), blocks.Length);
        Assert.All(blocks, block => Assert.True(block.Width > 0, $"block {block.Label} has no width"));
    }

    [Fact]
    public async Task ClickingAHeader_SortsItsTable_AndEnterOnIt_SortsTheOtherWay()
    {
        var report = await Reports.SampleAsync();
        await using var opened = await OpenedPage.OpenAsync(fixture, HtmlReport.Render(report), "sample-sort");
        var page = opened.Page;
        const string Table = "#error-types table.iea-table";

        // Sort by the first column (the type's name), then again the other way with the keyboard.
        await page.ClickAsync($"{Table} thead th:nth-child(1) button.iea-sort");
        var ascending = await page.EvaluateExpressionAsync<string[]>(PageScripts.ColumnTexts(Table, 0));
        Assert.Equal(ascending.Order(StringComparer.Ordinal), ascending, StringComparer.Ordinal);
        Assert.Equal("ascending", await page.EvaluateExpressionAsync<string>($"document.querySelector('{Table} thead th:nth-child(1)').getAttribute('aria-sort')"));

        await page.FocusAsync($"{Table} thead th:nth-child(1) button.iea-sort");
        await page.Keyboard.PressAsync(Key.Enter);
        var descending = await page.EvaluateExpressionAsync<string[]>(PageScripts.ColumnTexts(Table, 0));
        Assert.Equal(ascending.Reverse(), descending);
        Assert.Equal("descending", await page.EvaluateExpressionAsync<string>($"document.querySelector('{Table} thead th:nth-child(1)').getAttribute('aria-sort')"));

        // A count column sorts by number, not by text ("9" after "10").
        await page.ClickAsync($"{Table} thead th:nth-child(2) button.iea-sort");
        var counts = await page.EvaluateExpressionAsync<double[]>(PageScripts.SortValues(Table, 1));
        Assert.True(counts.SequenceEqual(counts.Order()) || counts.SequenceEqual(counts.OrderDescending()), string.Join(",", counts));
        Assert.Empty(opened.ConsoleProblems);
        Assert.Empty(opened.PageErrors);
    }

    [Fact]
    public async Task TypingInAFilter_HidesTheRowsWithoutTheText()
    {
        var report = await Reports.SampleAsync();
        await using var opened = await OpenedPage.OpenAsync(fixture, HtmlReport.Render(report), "sample-filter");
        var page = opened.Page;
        var first = report.ErrorTypes[0].ErrorType!;

        await page.TypeAsync("#error-types input.iea-filter", first);
        var visible = await page.EvaluateExpressionAsync<string[]>(
            "[...document.querySelectorAll('#error-types table.iea-table tbody tr')].filter(r => !r.hidden && r.offsetParent !== null).map(r => r.cells[0].textContent)");

        Assert.NotEmpty(visible);
        Assert.All(visible, text => Assert.Contains(first, text, StringComparison.OrdinalIgnoreCase));
        Assert.True(visible.Length < report.ErrorTypes.Count);
    }

    [Fact]
    public async Task WithoutScript_EveryTableAndChartIsThere_AndNoDeadControl()
    {
        var report = await Reports.SampleAsync();
        await using var withScript = await OpenedPage.OpenAsync(fixture, HtmlReport.Render(report), "sample-script");
        await using var without = await OpenedPage.OpenAsync(fixture, HtmlReport.Render(report), "sample-noscript", javaScript: false);

        Assert.Equal(
            await withScript.Page.EvaluateExpressionAsync<int>("document.querySelectorAll('table.iea-table tbody tr').length"),
            await without.Page.EvaluateExpressionAsync<int>("document.querySelectorAll('table.iea-table tbody tr').length"));
        Assert.True(await without.Page.EvaluateExpressionAsync<int>("document.querySelectorAll('svg.iea-chart rect.iea-bar').length") > 0);
        Assert.Equal(0, await without.Page.EvaluateExpressionAsync<int>("document.querySelectorAll('button, input').length"));
        Assert.Empty(without.ConsoleProblems);
    }

    [Fact]
    public async Task TheDarkScheme_IsDark_AndPrinting_HidesTheControls()
    {
        var report = await Reports.SampleAsync();
        await using var light = await OpenedPage.OpenAsync(fixture, HtmlReport.Render(report), "sample-light",
            media: [new MediaFeatureValue { MediaFeature = MediaFeature.PrefersColorScheme, Value = "light" }]);
        await using var dark = await OpenedPage.OpenAsync(fixture, HtmlReport.Render(report), "sample-dark",
            media: [new MediaFeatureValue { MediaFeature = MediaFeature.PrefersColorScheme, Value = "dark" }]);

        Assert.True(await Luminance(light.Page) > 0.6, "the light page's background is not light");
        Assert.True(await Luminance(dark.Page) < 0.3, "the dark page's background is not dark");

        await light.Page.EmulateMediaTypeAsync(MediaType.Print);
        Assert.Equal(0, await light.Page.EvaluateExpressionAsync<int>(
            "[...document.querySelectorAll('input.iea-filter')].filter(e => e.getClientRects().length > 0).length"));
        var pdf = await light.Page.PdfDataAsync(new PdfOptions { Format = PaperFormat.A4, PrintBackground = false });
        Assert.True(pdf.Length > 1000 && pdf[0] == (byte)'%', "no PDF");
    }

    [Fact]
    public async Task Tab_ReachesTheSortButtonsAndFilters_InDocumentOrder()
    {
        var report = await Reports.SampleAsync();
        await using var opened = await OpenedPage.OpenAsync(fixture, HtmlReport.Render(report), "sample-keyboard");
        var reached = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            await opened.Page.Keyboard.PressAsync(Key.Tab);
            reached.Add(await opened.Page.EvaluateExpressionAsync<string>(
                "(document.activeElement.tagName + '.' + document.activeElement.className).toLowerCase()"));
        }

        Assert.Contains(reached, e => e.Contains("iea-sort", StringComparison.Ordinal));
        Assert.Contains(reached, e => e.Contains("iea-filter", StringComparison.Ordinal));
    }

    /// <summary>What a screen reader is given: the browser's accessibility tree, not the markup.</summary>
    [Fact]
    public async Task TheAccessibilityTree_NamesEveryChartTableFilterAndSortButton()
    {
        var report = await Reports.SampleAsync();
        await using var opened = await OpenedPage.OpenAsync(fixture, HtmlReport.Render(report), "sample-a11y");

        var tree = await opened.Page.Accessibility.SnapshotAsync(new AccessibilitySnapshotOptions { InterestingOnly = false });
        var nodes = Flatten(tree).ToList();

        var images = nodes.Where(n => n.Role is "image" or "img").ToList();
        Assert.Equal(await opened.Page.EvaluateExpressionAsync<int>("document.querySelectorAll('svg.iea-chart').length"), images.Count);
        Assert.All(images, image => Assert.False(string.IsNullOrWhiteSpace(image.Name), "a chart without a name"));
        Assert.Contains(images, image => image.Name.Contains("error type", StringComparison.OrdinalIgnoreCase));

        var tables = nodes.Where(n => n.Role == "table").ToList();
        Assert.Equal(await opened.Page.EvaluateExpressionAsync<int>("document.querySelectorAll('table').length"), tables.Count);
        Assert.All(tables, table => Assert.False(string.IsNullOrWhiteSpace(table.Name), "a table without a name (its caption)"));

        Assert.All(nodes.Where(n => n.Role is "searchbox" or "textbox"), box => Assert.StartsWith("Filter", box.Name, StringComparison.Ordinal));
        Assert.All(nodes.Where(n => n.Role == "button"), button => Assert.False(string.IsNullOrWhiteSpace(button.Name)));
        Assert.Contains(nodes, n => n.Role == "heading" && n.Name == "Import errors" && n.Level == 1);
    }

    private static IEnumerable<PuppeteerSharp.PageAccessibility.SerializedAXNode> Flatten(PuppeteerSharp.PageAccessibility.SerializedAXNode? node)
    {
        if (node is null)
        {
            yield break;
        }

        yield return node;
        foreach (var child in node.Children ?? [])
        {
            foreach (var descendant in Flatten(child))
            {
                yield return descendant;
            }
        }
    }

    private static async Task<double> Luminance(IPage page)
    {
        var rgb = await page.EvaluateExpressionAsync<double[]>(
            "(() => { const c = getComputedStyle(document.body).backgroundColor.match(/[\\d.]+/g).map(Number); return c.length > 3 && c[3] === 0 ? [255,255,255] : c.slice(0, 3); })()");
        return (0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2]) / 255;
    }

    /// <summary>Bars are drawn to scale: a bar's length over its count is the same for every bar, within a pixel.</summary>
    private static void AssertInProportion(BarShape[] bars)
    {
        Assert.NotEmpty(bars);
        var largest = bars.MaxBy(b => b.Value)!;
        Assert.True(largest.Width > 10, "the largest bar is not drawn");
        Assert.All(bars, bar => Assert.InRange(bar.Width, (largest.Width * bar.Value / largest.Value) - 1.5, (largest.Width * bar.Value / largest.Value) + 1.5));
    }
}
