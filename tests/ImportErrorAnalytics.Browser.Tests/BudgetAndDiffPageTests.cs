using System.Text;
using ImportErrorAnalytics.Browser.Tests.Support;
using ImportErrorAnalytics.Comparison;
using ImportErrorAnalytics.Reporting.Html;
using ImportErrorAnalytics.Tests.Reporting.Html;

namespace ImportErrorAnalytics.Browser.Tests;

/// <summary>The pages other than a plain report: one the size budget trimmed and cut, and a diff.</summary>
[Collection(SharedBrowser.Name)]
[Slow(SlowKind.Browser)]
public sealed class BudgetAndDiffPageTests(BrowserFixture fixture)
{
    /// <summary>The smallest budget a page may have.</summary>
    private const int Budget = 64 * 1024;

    /// <summary>Long values in long lists: the budget trims the lists, and the page says so under each table and at its end.</summary>
    [Fact]
    public async Task APageTrimmedToItsBudget_StaysWithinIt_AndOpensWhole_SayingWhatWasLeftOut()
    {
        var html = HtmlReport.Render(HandBuiltReports.With(new string('v', 2_000), rows: 40), new HtmlReportOptions { MaxBytes = Budget });
        Assert.InRange(Encoding.UTF8.GetByteCount(html), 1, Budget);

        await using var opened = await OpenedPage.OpenAsync(fixture, html, "budget-trimmed");

        await AssertWholeAsync(opened);
        Assert.True(await opened.Page.EvaluateExpressionAsync<bool>("!!document.querySelector('section#left-out') && !!document.querySelector('p.iea-more')"),
            "the page does not say what the budget left out");
        Assert.True(await opened.Page.EvaluateExpressionAsync<int>("document.querySelectorAll('button.iea-sort').length") > 0, "the page's own script did not run");
    }

    /// <summary>Values so long that even one row per list does not fit: whole sections go, and a last one names them.</summary>
    [Fact]
    public async Task APageCutToItsBudget_StaysWithinIt_AndOpensWhole_NamingTheSectionsCut()
    {
        var html = HtmlReport.Render(HandBuiltReports.With(new string('v', 70_000), rows: 12), new HtmlReportOptions { MaxBytes = Budget });
        Assert.InRange(Encoding.UTF8.GetByteCount(html), 1, Budget);

        await using var opened = await OpenedPage.OpenAsync(fixture, html, "budget-cut");

        await AssertWholeAsync(opened);
        Assert.Contains("Cut to fit", await opened.Page.EvaluateExpressionAsync<string>("document.querySelector('section#cut').innerText"), StringComparison.Ordinal);
        Assert.Equal(0, await opened.Page.EvaluateExpressionAsync<int>("document.querySelectorAll('main > :not(section)').length"));
    }

    private static async Task AssertWholeAsync(OpenedPage opened)
    {
        Assert.Empty(opened.ConsoleProblems);
        Assert.Empty(opened.PageErrors);
        Assert.Empty(opened.OtherRequests);
        var tables = await opened.Page.EvaluateExpressionAsync<TableShape[]>(PageScripts.TableShapes);
        Assert.All(tables, table => Assert.All(table.RowCells, cells => Assert.Equal(table.Columns, cells)));
    }

    [Fact]
    public async Task TheDiffPage_OpensWithNoConsoleError_WholeTables_AndSorts()
    {
        var before = HandBuiltReports.With("before", rows: 6);
        var after = HandBuiltReports.With("after", rows: 4);
        await using var opened = await OpenedPage.OpenAsync(fixture, ReportDiff.Compare(before, after).ToHtml(), "diff");

        Assert.Empty(opened.ConsoleProblems);
        Assert.Empty(opened.PageErrors);
        Assert.Empty(opened.OtherRequests);
        var tables = await opened.Page.EvaluateExpressionAsync<TableShape[]>(PageScripts.TableShapes);
        Assert.NotEmpty(tables);
        Assert.All(tables, table =>
        {
            Assert.False(string.IsNullOrWhiteSpace(table.Caption));
            Assert.All(table.RowCells, cells => Assert.Equal(table.Columns, cells));
        });

        const string Table = "#error-types table.iea-table";
        await opened.Page.ClickAsync($"{Table} thead th:nth-child(1) button.iea-sort");
        var names = await opened.Page.EvaluateExpressionAsync<string[]>(PageScripts.ColumnTexts(Table, 0));
        Assert.Equal(names.Order(StringComparer.Ordinal), names, StringComparer.Ordinal);
    }
}
