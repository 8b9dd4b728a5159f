using System.Diagnostics;
using System.Text;
using ImportErrorAnalytics.Reporting.Markdown;
using ImportErrorAnalytics.Tests.Reporting.Html;

namespace ImportErrorAnalytics.Tests.Reporting;

/// <summary>The Markdown report's cost follows what it shows, as the HTML page's does (found by the HTML review).</summary>
public class MarkdownCostTests
{
    /// <summary>
    /// Megabyte strings are shown up to 1,000 characters, cut before they are escaped, and a custom result up to 64 KiB
    /// of its JSON, written once: before, three 3M-character strings took the Markdown report 110 s. Bytes allocated
    /// here: 18 MB (1.76 GB with the strings cut but the custom result written whole on each rendering); the bound is 300 MB.
    /// </summary>
    [Fact]
    public void MegabyteStrings_CostWhatTheirShownPartCosts()
    {
        var report = HandBuiltReports.With(new string('m', 3_000_000), rows: 8);
        var before = GC.GetAllocatedBytesForCurrentThread();

        var markdown = MarkdownReport.Render(report, new MarkdownReportOptions { MaxBytes = 256 * 1024 });

        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, 300L * 1024 * 1024);
        Assert.InRange(Encoding.UTF8.GetByteCount(markdown), 1, 256 * 1024);
        Assert.Contains(new string('m', 900) + "…", markdown, StringComparison.Ordinal);
    }

    /// <summary>
    /// The last-resort cut finds its line in one pass: it counted the prefix again for each line it tried, so 4 MB of
    /// short lines cut to 1 MB took minutes. Here it takes milliseconds; the bound is 5 s.
    /// </summary>
    [Fact]
    public void TheLastResortCut_OfManyShortLines_IsOnePass_AndEndsAtALine()
    {
        var text = string.Concat(Enumerable.Range(0, 400_000).Select(i => $"line {i:D6}é\n"));
        var clock = Stopwatch.StartNew();

        var cut = MarkdownReport.Truncate(text, 1024 * 1024);

        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(5));
        Assert.InRange(Encoding.UTF8.GetByteCount(cut), 1024 * 1024 - 200, 1024 * 1024);
        var kept = cut[..cut.IndexOf("\n\n*The rest", StringComparison.Ordinal)];
        Assert.StartsWith(kept, text, StringComparison.Ordinal);
        Assert.Equal('\n', text[kept.Length]);
    }
}
