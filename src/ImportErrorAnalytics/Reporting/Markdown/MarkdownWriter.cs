using System.Globalization;
using System.Text;
using static ImportErrorAnalytics.Reporting.Markdown.MarkdownText;

namespace ImportErrorAnalytics.Reporting.Markdown;

/// <summary>Writes one rendering of the report with the given list limits.</summary>
internal sealed partial class MarkdownWriter(ImportErrorReport report, SectionLimits limits, bool charts, IReadOnlyDictionary<string, string[]> custom)
{
    private readonly StringBuilder _text = new();
    private readonly List<string> _leftOut = [];

    public string Write()
    {
        Header();
        Imports();
        ErrorTypes();
        Guides();
        Columns();
        TopValues();
        LineClusters();
        FileWide();
        CustomAggregators();
        Skipped();
        LeftOut();
        return _text.ToString();
    }

    private void Line(string line = "") => _text.Append(line).Append('\n');

    private void Row(params string[] cells) => Line("| " + string.Join(" | ", cells) + " |");

    /// <summary>A table's header; <paramref name="align"/> has an <c>l</c> or <c>r</c> per column.</summary>
    private void TableHeader(string align, params string[] cells)
    {
        Row(cells);
        Line("|" + string.Concat(align.Select(a => a == 'r' ? " ---: |" : " --- |")));
    }

    /// <summary>Notes rows the limits left out, under the table and in the closing list.</summary>
    private void More(int total, int shown, string what)
    {
        if (total > shown)
        {
            var line = $"{Number(total - shown)} more {what} not shown";
            Line();
            Line($"*… {line}; the JSON report has them all.*");
            _leftOut.Add(line);
        }
    }

    private void Header()
    {
        var source = report.Sources.Count == 1 ? report.Sources[0] : null;
        var title = source is null
            ? report.Sources.Count > 1 ? $"Import errors: {Number(report.Sources.Count)} imports" : "Import errors"
            : $"Import errors: {(source.ImportName is null ? "" : Code(source.ImportName) + " ")}(import {Code(source.ImportId)})";
        Line($"# {title}");
        Line();
        TableHeader("ll", "", "");
        if (source is not null)
        {
            Row("State", Code(source.State));
            Row("Created", Code(source.CreatedAt));
        }

        Row("Errors", Number(report.Totals.Errors));
        if (source?.TotalRows is { } rows)
        {
            Row("Rows in the import", Number(rows));
            Row("Error rate", source.ErrorRate is { } rate ? Percent(rate) + " (errors per row)" : "unknown");
            Row("Rows with errors", source.FailingRowRate is { } failing ? Percent(failing) : "unknown");
        }

        Row("Pages read", Number(report.Totals.Pages));
        Row("Sensitive values (redacted)", Number(report.Totals.RedactedValues));
        Row("Errors of types newer than HubSpot's list", Number(report.Totals.UnknownErrorTypeErrors));
        var approximate = report.TopInvalidValues.Count(column => !column.Exact);
        Row("Counts", approximate == 0 ? "exact" : $"exact, except the top values of {Number(approximate)} column(s) (approximate, with error bounds)");
        Row("Report", report.Complete ? "complete" : "**partial**: the run stopped early; only complete pages are counted");
        if (report.OtherRows is { Count: > 0 } others)
        {
            Row("Distinct keys", $"more than {Number(report.Settings.MaxDistinctKeys)} in some tables; the rest are counted in one \"other\" row: "
                + string.Join(", ", others.Select(o => $"{OtherRowName(o.Table)} {Number(o.Errors)}")));
        }
        foreach (var warning in report.Sources.SelectMany(s => s.Warnings))
        {
            Line();
            Line($"> **Warning:** {Code(warning)}");
        }

        Line();
    }

    private void LeftOut()
    {
        if (_leftOut.Count == 0)
        {
            return;
        }

        Line("## Left out");
        Line();
        Line("To keep this report within its size budget, it leaves out (the JSON report is complete):");
        Line();
        foreach (var item in _leftOut)
        {
            Line($"- {item}");
        }

        Line();
    }

    private static string OtherRowName(string table) => ReportLabels.OtherRowName(table);

    private static string Share(long part, long whole) => ReportLabels.Share(part, whole);
}
