using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ImportErrorAnalytics.Comparison;
using ImportErrorAnalytics.Reporting;
using ImportErrorAnalytics.Tests.Reporting;

namespace ImportErrorAnalytics.Tests.Comparison;

/// <summary>
/// The Markdown diff stays text whatever the reports name: error types, object types, properties and values built from
/// Markdown, HTML, table and bidirectional-control fragments never break a table, a fence or a chart, nor become HTML.
/// </summary>
public class DiffMarkdownSafetyProperties
{
    private static readonly Gen<string> Hostile =
        Gen.Elements(MarkdownSafetyProperties.Nasty).ArrayOf().Select(parts => string.Concat(parts.Take(6)));

    private static readonly Arbitrary<(ImportErrorReport Before, ImportErrorReport After)> HostilePair = Arb.From(
        from names in Hostile.ArrayOf(4)
        from values in Hostile.ArrayOf(4)
        from counts in Gen.Choose(0, 5).ArrayOf(8)
        select (Report(names, values, counts[..4]), Report(names, values, counts[4..])));

    [Property(MaxTest = 150)]
    public Property ToMarkdown_KeepsTablesFencesAndChartsWhole_AndMakesNoHtml() =>
        Prop.ForAll(HostilePair, pair =>
        {
            var markdown = ReportDiff.Compare(pair.Before, pair.After).ToMarkdown();

            foreach (var table in MarkdownSafetyProperties.Tables(markdown))
            {
                var columns = MarkdownSafetyProperties.Cells(table[0]);
                Assert.All(table, row => Assert.Equal(columns, MarkdownSafetyProperties.Cells(row)));
            }

            Assert.Equal(0, markdown.Split('\n').Count(line => line.StartsWith("```", StringComparison.Ordinal)) % 2);
            Assert.All(
                markdown.Split('\n').Where(line => line.StartsWith("    x-axis", StringComparison.Ordinal)),
                line => Assert.Matches("^    x-axis \\[(\"[A-Za-z0-9 _./@?~()-]*\"(, )?)*\\]$", line));
            Assert.DoesNotMatch(MarkdownSafetyProperties.LiveTag(), Markdig.Markdown.ToHtml(markdown, MarkdownSafetyProperties.GitHubLike));
            Assert.DoesNotContain("\u202E", markdown, StringComparison.Ordinal);
            Assert.DoesNotContain("\u2028", markdown, StringComparison.Ordinal);
        });

    private static ImportErrorReport Report(string[] names, string[] values, int[] counts) => new()
    {
        Totals = new ReportTotals { Errors = counts.Sum() },
        Settings = new ReportSettings { Top = 10, DistinctCapacity = 100, MaxDistinctKeys = 1000, ValueDisplayLength = 80 },
        ErrorTypes = [.. names.Select((name, i) => new ErrorTypeCount { ErrorType = name, Count = counts[i] }).Where(row => row.Count > 0)],
        Columns = [.. names.Select((name, i) => new ColumnSummary { Column = i, Property = name, Count = counts[i], ErrorTypes = [] }).Where(row => row.Count > 0)],
        ObjectTypes = [.. names.Select((name, i) => new ObjectTypeCount { ObjectType = name, Count = counts[i] }).Where(row => row.Count > 0)],
        TopInvalidValues =
        [
            new ColumnTopValues
            {
                Column = 0,
                Property = names[0],
                Exact = true,
                DistinctValues = counts.Count(c => c > 0),
                Values = [.. values.Select((value, i) => new InvalidValueCount { Value = value + i, Count = counts[i] }).Where(v => v.Count > 0)],
            },
        ],
        LineClusters = [],
        Skipped = [],
        Custom = new Dictionary<string, CustomAggregatorResult>(),
    };
}
