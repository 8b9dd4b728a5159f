using System.Text;
using ImportErrorAnalytics.Comparison;
using ImportErrorAnalytics.Reporting.Html;

namespace ImportErrorAnalytics.Tests.Reporting.Html;

/// <summary>What a review of the first HTML writer found, each kept from coming back.</summary>
public class HtmlReviewFixTests
{
    /// <summary>
    /// A report whose strings are megabytes long (an error type, a property, a value, a name, a warning, a custom result)
    /// costs what its shown part costs: each string is shown up to 1,000 characters and a custom result up to 64 KiB,
    /// however often the size budget renders the page. Before, three 3M-character strings took 194 s and 817 MB.
    /// Measured as bytes allocated on this thread: about 26 MB here; the bound is ten times that, and a writer that
    /// escapes the whole strings on each rendering allocates gigabytes.
    /// </summary>
    [Fact]
    public void MegabyteStrings_CostWhatTheirShownPartCosts()
    {
        var report = HandBuiltReports.With(new string('m', 3_000_000), rows: 8);
        var before = GC.GetAllocatedBytesForCurrentThread();

        var html = HtmlReport.RenderCounted(report, new HtmlReportOptions { MaxBytes = 256 * 1024 }, out var renderings);

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.InRange(allocated, 0, 300L * 1024 * 1024);
        Assert.InRange(Encoding.UTF8.GetByteCount(html), 1, 256 * 1024);
        var document = HtmlChecks.CheckPage(html);
        Assert.Contains(new string('m', 900) + "…", document.GetElementById("error-types")!.TextContent, StringComparison.Ordinal);
        Assert.All(
            document.QuerySelectorAll("main > section").Where(section => section.Id != "custom"),
            section => Assert.DoesNotContain(new string('m', 1_001), section.TextContent, StringComparison.Ordinal));
        Assert.DoesNotContain(new string('m', 65 * 1024), html, StringComparison.Ordinal);
        Assert.True(renderings >= 1);
    }

    /// <summary>One section too big for the budget no longer takes the smaller sections after it: they stay, in order.</summary>
    [Fact]
    public void TheLastResortCut_LeavesOutOnlyTheSectionsThatDoNotFit()
    {
        var report = HandBuiltReports.With(new string('c', 70_000), rows: 3);

        var html = HtmlReport.Render(report, new HtmlReportOptions { MaxBytes = 64 * 1024 });

        var document = HtmlChecks.CheckPage(html);
        var ids = document.QuerySelectorAll("main > section").Select(section => section.Id).ToList();
        Assert.Contains("skipped", ids);
        Assert.DoesNotContain("custom", ids);
        Assert.Equal("cut", ids[^1]);
        Assert.Contains("Custom aggregators", document.GetElementById("cut")!.TextContent, StringComparison.Ordinal);
    }

    /// <summary>The page's title shows an import's name escaped once, as its heading does.</summary>
    [Fact]
    public void TheTitle_EscapesTheImportsNameOnce()
    {
        var report = HandBuiltReports.With("a\\b\u200Bc");
        var single = new ImportErrorAnalytics.Reporting.ImportErrorReport
        {
            Sources = [report.Sources[0]],
            Totals = report.Totals,
            Settings = report.Settings,
            ErrorTypes = report.ErrorTypes,
            Columns = report.Columns,
            ObjectTypes = report.ObjectTypes,
            TopInvalidValues = report.TopInvalidValues,
            LineClusters = report.LineClusters,
            Skipped = report.Skipped,
            Custom = report.Custom,
        };

        var document = HtmlChecks.CheckPage(HtmlReport.Render(single));

        Assert.Contains("a\\\\b\\u200Bcname", document.Title, StringComparison.Ordinal);
        Assert.DoesNotContain("\\\\\\\\", document.Title, StringComparison.Ordinal);
    }

    /// <summary>A count of 0 (a type gone after the fix) draws no bar; its label and number stay.</summary>
    [Fact]
    public void ACountOfZero_DrawsNoBar()
    {
        var before = HandBuiltReports.With("t", rows: 4);
        var after = HandBuiltReports.With("u", rows: 2);

        var document = HtmlChecks.CheckPage(ReportDiff.Compare(before, after).ToHtml());

        var zeros = document.QuerySelectorAll("rect.iea-bar[data-value='0']").ToList();
        Assert.NotEmpty(zeros);
        Assert.All(zeros, bar => Assert.Equal("0", bar.GetAttribute("width")));
    }

    /// <summary>
    /// The policy's hashes are over the texts as a browser reads them: the HTML parser turns CRLF into LF, so the texts
    /// hold LF alone whatever line endings the source file was checked out with.
    /// </summary>
    [Fact]
    public void TheStyleAndScript_HaveNoCarriageReturn()
    {
        Assert.DoesNotContain('\r', HtmlAssets.Style);
        Assert.DoesNotContain('\r', HtmlAssets.Script);
    }
}
