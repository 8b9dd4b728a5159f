using ImportErrorAnalytics.Comparison;
using ImportErrorAnalytics.Reporting;

namespace ImportErrorAnalytics.Tests.Comparison;

/// <summary>
/// The Markdown diff's size is bounded by its rows, whatever the reports hold: a JSON report read from a file may name
/// error types, properties and values of any length, and the diff cuts each to what a cell shows.
/// </summary>
public class DiffMarkdownSizeTests
{
    private const int Long = 100_000;

    [Fact]
    public void HugeNamesAndValues_AreCut_AndTheDiffStaysSmall()
    {
        var before = Report(60, 'a');
        var after = Report(60, 'b');

        var diff = ReportDiff.Compare(before, after);
        var markdown = diff.ToMarkdown();

        // 50 rows a table, 5 tables, each cell at most MaxShownLength characters before escaping: under 200 kB here;
        // without the cut, one table alone would be over 5 MB.
        Assert.True(markdown.Length < 2_000_000, $"{markdown.Length} characters");
        Assert.Contains("`000" + new string('a', DiffMarkdownWriter.MaxShownLength - 3) + "`…", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain(new string('a', DiffMarkdownWriter.MaxShownLength + 1), markdown, StringComparison.Ordinal);
        Assert.Equal(120, diff.ErrorTypes.Count); // the JSON diff keeps every name whole
    }

    [Fact]
    public void ACut_NeverSplitsASurrogatePair()
    {
        var name = new string('x', DiffMarkdownWriter.MaxShownLength - 1) + "😀" + new string('y', 10);
        var diff = ReportDiff.Compare(Report([name]), Report([]));

        var markdown = diff.ToMarkdown();

        Assert.Contains(new string('x', DiffMarkdownWriter.MaxShownLength - 1) + "`…", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("\\uD83D", markdown, StringComparison.OrdinalIgnoreCase);
    }

    private static ImportErrorReport Report(int types, char fill) =>
        Report(Enumerable.Range(0, types).Select(i => i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture) + new string(fill, Long)).ToArray(), fill);

    private static ImportErrorReport Report(string[] types, char fill = 'v') => new()
    {
        Sources = [],
        Totals = new ReportTotals { Errors = types.Length },
        Settings = new ReportSettings { Top = 10, DistinctCapacity = 100, MaxDistinctKeys = 1000, ValueDisplayLength = 80 },
        ErrorTypes = [.. types.Select(type => new ErrorTypeCount { ErrorType = type, Count = 1, Known = false })],
        Columns = [.. types.Select((type, i) => new ColumnSummary { Column = i, Property = type, Count = 1, ErrorTypes = [] })],
        ObjectTypes = [],
        TopInvalidValues = [new ColumnTopValues
        {
            Column = 0, Property = "p", Exact = true, DistinctValues = types.Length, DistinctValuesAtLeast = types.Length, ValuesCounted = types.Length,
            Values = [.. types.Select(type => new InvalidValueCount { Value = fill + type, Count = 1 })],
        }],
        LineClusters = [],
        Skipped = [],
        Custom = new Dictionary<string, CustomAggregatorResult>(),
    };
}
