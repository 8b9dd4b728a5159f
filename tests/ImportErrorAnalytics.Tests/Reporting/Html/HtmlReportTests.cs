using System.Globalization;
using System.Text;
using AngleSharp.Dom;
using ImportErrorAnalytics.Comparison;
using ImportErrorAnalytics.Pipeline;
using ImportErrorAnalytics.Reporting;
using ImportErrorAnalytics.Reporting.Html;
using ImportErrorAnalytics.Reporting.Markdown;
using ImportErrorAnalytics.Tests.Support;

namespace ImportErrorAnalytics.Tests.Reporting.Html;

/// <summary>The HTML report: its content against the Markdown report's, its tables and charts, its policy and its size budget.</summary>
public class HtmlReportTests
{
    private static readonly Lazy<ImportErrorReport> Sample = new(() =>
        ImportErrorAnalyzer.CreateBuilder().AddPath(SamplePaths.ImportDirectory).Build().RunAsync().GetAwaiter().GetResult());

    [Fact]
    public void SamplePage_HoldsOnlyOurMarkupUnderItsPolicy()
    {
        var html = HtmlReport.Render(Sample.Value);

        var document = HtmlChecks.CheckPage(html);

        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Equal(
            ["summary", "error-types", "guides", "columns", "top-values", "blocks"],
            document.QuerySelectorAll("main > section").Select(section => section.Id!));
        Assert.Equal(HtmlAssets.Style, document.QuerySelector("style")!.TextContent);
        Assert.Equal(HtmlAssets.Script, document.QuerySelector("script")!.TextContent);
    }

    /// <summary>Every section of the Markdown report has its counterpart, with the same numbers.</summary>
    [Fact]
    public void SamplePage_HasTheMarkdownReportsContent()
    {
        var report = Sample.Value;
        var markdown = MarkdownReport.Render(report);
        var document = HtmlChecks.Parse(HtmlReport.Render(report));

        var headings = new Dictionary<string, string>
        {
            ["## Error types"] = "error-types",
            ["## What to do"] = "guides",
            ["## Columns"] = "columns",
            ["## Top invalid values"] = "top-values",
            ["## Failing rows by file"] = "blocks",
            ["## File-wide errors"] = "file-wide",
            ["## Custom aggregators"] = "custom",
            ["## Skipped"] = "skipped",
            ["## Left out"] = "left-out",
            ["## Imports"] = "imports",
        };
        foreach (var (heading, id) in headings)
        {
            Assert.Equal(markdown.Contains("\n" + heading + "\n", StringComparison.Ordinal), document.GetElementById(id) is not null);
        }

        Assert.Equal(report.ErrorTypes.Select(t => t.Count), HtmlChecks.Column(Table(document, "error-types"), "Errors"));
        Assert.Equal(report.ErrorTypes.Select(t => t.ErrorType), Table(document, "error-types").QuerySelectorAll("tbody tr td:first-child code").Select(c => c.TextContent));
        Assert.Equal(report.Columns.Select(c => c.Count), HtmlChecks.Column(Table(document, "columns"), "Errors"));
        var valueTables = document.QuerySelectorAll("#top-values table").ToList();
        Assert.Equal(report.TopInvalidValues.Count, valueTables.Count);
        for (var i = 0; i < valueTables.Count; i++)
        {
            var values = report.TopInvalidValues[i].Values.Take(20).ToList();
            Assert.Equal(values.Select(v => v.Count), HtmlChecks.Column(valueTables[i], "Count"));
            Assert.Equal(values.Select(v => v.MaxError), HtmlChecks.Column(valueTables[i], "±"));
        }

        var blockTables = document.QuerySelectorAll("#blocks table").ToList();
        var files = report.LineClusters.Where(f => !f.Other).ToList();
        Assert.Equal(files.Count, blockTables.Count);
        for (var i = 0; i < files.Count; i++)
        {
            Assert.Equal(files[i].Clusters.Take(20).Select(c => (long)c.FirstLine), HtmlChecks.Column(blockTables[i], "First row"));
            Assert.Equal(files[i].Clusters.Take(20).Select(c => c.Errors), HtmlChecks.Column(blockTables[i], "Errors"));
        }

        var summary = document.GetElementById("summary")!.TextContent;
        Assert.Contains(ReportLabels.Number(report.Totals.Errors), summary, StringComparison.Ordinal);
        Assert.Contains("Sensitive values (redacted)" + ReportLabels.Number(report.Totals.RedactedValues), summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Charts_HaveABarPerTableRowWithTheSameCounts()
    {
        var document = HtmlChecks.Parse(HtmlReport.Render(Sample.Value));

        Assert.Equal(HtmlChecks.Column(Table(document, "error-types"), "Errors"), Bars(document.QuerySelector("#error-types svg[data-chart=error-types]")!));
        Assert.Equal(HtmlChecks.Column(Table(document, "columns"), "Errors"), Bars(document.QuerySelector("#columns svg[data-chart=columns]")!));
        var files = document.QuerySelectorAll("#blocks section").Where(s => s.QuerySelector("table") is not null).ToList();
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var chart = file.QuerySelector("svg[data-chart=lines]")!;
            Assert.Equal(HtmlChecks.Column(file.QuerySelector("table")!, "Errors"), Bars(chart));
            Assert.Equal(
                HtmlChecks.Column(file.QuerySelector("table")!, "First row"),
                chart.QuerySelectorAll("rect.iea-bar").Select(bar => long.Parse(bar.GetAttribute("data-first")!, CultureInfo.InvariantCulture)));
        }

        foreach (var chart in document.QuerySelectorAll("svg"))
        {
            Assert.Equal("img", chart.GetAttribute("role"));
            Assert.False(string.IsNullOrEmpty(chart.GetAttribute("aria-label")));
            Assert.NotNull(chart.QuerySelector("title"));
            Assert.All(chart.QuerySelectorAll("rect.iea-bar"), bar => Assert.NotNull(bar.QuerySelector("title")));
        }
    }

    [Fact]
    public void WithoutCharts_NoSvg()
    {
        var document = HtmlChecks.CheckPage(HtmlReport.Render(Sample.Value, new HtmlReportOptions { Charts = false }));

        Assert.Empty(document.QuerySelectorAll("svg"));
        Assert.NotEmpty(document.QuerySelectorAll("table"));
    }

    [Fact]
    public void CombinedReport_HasASectionPerImport()
    {
        var report = HandBuiltReports.With("x");

        var document = HtmlChecks.CheckPage(HtmlReport.Render(report));

        Assert.NotNull(document.GetElementById("imports"));
        Assert.Equal(["import-1", "import-2"], document.QuerySelectorAll("section[id^=import-]").Select(s => s.Id!));
        Assert.Equal([60L], HtmlChecks.Column(document.QuerySelector("#import-1 table")!, "Errors"));
        Assert.Equal(2, document.QuerySelectorAll("#imports tbody tr").Length);
    }

    [Fact]
    public async Task WriteAsync_WritesTheRenderedPageAsUtf8()
    {
        using var stream = new MemoryStream();

        await HtmlReport.WriteAsync(Sample.Value, stream);

        Assert.Equal(HtmlReport.Render(Sample.Value), Encoding.UTF8.GetString(stream.ToArray()));
    }

    [Theory]
    [InlineData(64 * 1024 - 1, 50)]
    [InlineData(1024, 50)]
    [InlineData(4 * 1024 * 1024, 0)]
    public void Options_OutOfRange_Throw(int maxBytes, int maxRows) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => HtmlReport.Render(Sample.Value, new HtmlReportOptions { MaxBytes = maxBytes, MaxRows = maxRows }));

    [Fact]
    public void Options_Defaults()
    {
        var options = new HtmlReportOptions();

        Assert.Equal((4 * 1024 * 1024, true, 50), (options.MaxBytes, options.Charts, options.MaxRows));
    }

    /// <summary>A report far over the budget trims its longest lists, says so, fits, and stays well-formed.</summary>
    [Fact]
    public void FarOverBudget_TrimsListsFitsAndSaysWhatWasLeftOut()
    {
        var report = HandBuiltReports.With(new string('w', 300), rows: 3000);
        var budget = 64 * 1024;

        var html = HtmlReport.RenderCounted(report, new HtmlReportOptions { MaxBytes = budget }, out var renderings);

        Assert.True(Encoding.UTF8.GetByteCount(html) <= budget, $"{Encoding.UTF8.GetByteCount(html)} bytes");
        var document = HtmlChecks.CheckPage(html);
        var leftOut = document.GetElementById("left-out")?.TextContent ?? document.GetElementById("cut")!.TextContent;
        Assert.Contains("more error types not shown", leftOut + document.GetElementById("error-types")!.TextContent, StringComparison.Ordinal);
        // Each rendering halves one of 10 list limits of at most 50 rows: at most 10 x 6 + 1 renderings. The bound is 10x looser.
        Assert.InRange(renderings, 2, 610);
    }

    /// <summary>When even one row per list is too much, whole sections are cut at a boundary, with a note naming them.</summary>
    [Fact]
    public void WhenListsCannotShrinkEnough_CutsWholeSectionsWithANote()
    {
        // Each string is shown up to 1,000 characters, a custom result up to 64 KiB of its JSON: that one cannot fit.
        var report = HandBuiltReports.With(new string('y', 70_000), rows: 5);

        var html = HtmlReport.Render(report, new HtmlReportOptions { MaxBytes = 64 * 1024 });

        Assert.True(Encoding.UTF8.GetByteCount(html) <= 64 * 1024);
        var document = HtmlChecks.CheckPage(html);
        var note = document.GetElementById("cut")!.TextContent;
        Assert.Contains("were cut", note, StringComparison.Ordinal);
        Assert.Contains("Custom aggregators", note, StringComparison.Ordinal);
        var sections = document.QuerySelectorAll("main > section");
        Assert.Equal("cut", sections[^1].Id);
    }

    [Fact]
    public void Diff_IsAPageUnderTheSamePolicy()
    {
        var before = Sample.Value;
        var after = HandBuiltReports.With("z");

        var diff = ReportDiff.Compare(before, after);
        var document = HtmlChecks.CheckPage(diff.ToHtml());

        Assert.NotNull(document.GetElementById("summary"));
        var table = Table(document, "error-types");
        Assert.Equal(diff.ErrorTypes.Take(50).Select(row => row.Before), HtmlChecks.Column(table, "Before"));
        Assert.Equal(diff.ErrorTypes.Take(50).Select(row => row.After), HtmlChecks.Column(table, "After"));
        var chart = document.QuerySelector("svg[data-chart=error-types]")!;
        Assert.Equal(diff.ErrorTypes.Take(50).SelectMany(row => new[] { row.Before, row.After }), Bars(chart));
        Assert.Equal(
            diff.ErrorTypes.Take(50).SelectMany(row => new[] { row.Key, row.Key }),
            chart.QuerySelectorAll("rect.iea-bar").Select(bar => bar.GetAttribute("data-label")));
        Assert.All(chart.QuerySelectorAll("rect.iea-before"), bar => Assert.EndsWith("before: " + ReportLabels.Number(long.Parse(bar.GetAttribute("data-value")!, CultureInfo.InvariantCulture)), bar.QuerySelector("title")!.TextContent, StringComparison.Ordinal));
    }

    private static IElement Table(IDocument document, string section) => document.QuerySelector($"#{section} table")!;

    private static List<long> Bars(IElement chart) =>
        chart.QuerySelectorAll("rect.iea-bar").Select(bar => long.Parse(bar.GetAttribute("data-value")!, CultureInfo.InvariantCulture)).ToList();
}
