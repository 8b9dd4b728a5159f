using System.Globalization;
using static ImportErrorAnalytics.Reporting.Markdown.MarkdownText;

namespace ImportErrorAnalytics.Reporting.Markdown;

/// <summary>The report's sections.</summary>
internal sealed partial class MarkdownWriter
{
    private void ErrorTypes()
    {
        Line("## Error types");
        Line();
        var shown = limits.Take("errorTypes", report.ErrorTypes).ToList();
        if (charts && shown.Count > 0)
        {
            Line("```mermaid");
            Line("pie showData title Errors by type");
            foreach (var type in shown.Take(12))
            {
                Line(string.Create(CultureInfo.InvariantCulture, $"    \"{ChartLabel(type.ErrorType)}\" : {type.Count}"));
            }

            var rest = report.ErrorTypes.Skip(12).Sum(type => type.Count);
            if (rest > 0)
            {
                Line(string.Create(CultureInfo.InvariantCulture, $"    \"other types\" : {rest}"));
            }

            Line("```");
            Line();
        }

        TableHeader("lrr", "Error type", "Errors", "Share");
        foreach (var type in shown)
        {
            Row(type.Other ? OtherErrorTypes : Code(type.ErrorType) + (type.Known ? "" : " *(new)*"), Number(type.Count), Share(type.Count, report.Totals.Errors));
        }

        More(report.ErrorTypes.Count, shown.Count, "error types");
        Line();
    }

    private void Columns()
    {
        Line("## Columns");
        Line();
        var shown = limits.Take("columns", report.Columns).ToList();
        if (charts && shown.Count > 0)
        {
            var bars = shown.Take(15).ToList();
            Line("```mermaid");
            Line("xychart-beta");
            Line("    title \"Errors by column\"");
            Line("    x-axis [" + string.Join(", ", bars.Select(c => "\"" + ChartLabel(c.Other ? "other columns" : ColumnName(c.Column, c.Property), 24) + "\"")) + "]");
            Line("    y-axis \"Errors\"");
            Line("    bar [" + string.Join(", ", bars.Select(c => c.Count.ToString(CultureInfo.InvariantCulture))) + "]");
            Line("```");
            Line();
        }

        TableHeader("rlrl", "Column", "Property", "Errors", "Top error types");
        foreach (var column in shown)
        {
            var types = string.Join(", ", column.ErrorTypes.Take(3).Select(t => $"{(t.Other ? OtherErrorTypes : Code(t.ErrorType))} {Number(t.Count)}"));
            Row(column.Other ? OtherColumns : column.Column?.ToString(CultureInfo.InvariantCulture) ?? "*(unknown)*", Code(column.Property), Number(column.Count), types);
        }

        More(report.Columns.Count, shown.Count, "columns");
        Line();
    }

    private void TopValues()
    {
        Line("## Top invalid values");
        Line();
        var columns = limits.Take("columnsWithValues", report.TopInvalidValues).ToList();
        foreach (var column in columns)
        {
            var exactness = column.Exact
                ? $"exact, {Number(column.DistinctValues ?? 0)} distinct values"
                : $"approximate (more than {Number(column.DistinctValuesAtLeast - 1)} distinct values): each count is at most its ± above the true count";
            Line(column.Other ? "### Other columns" : $"### Column {column.Column?.ToString(CultureInfo.InvariantCulture) ?? "(unknown)"} {Code(column.Property)}");
            Line();
            Line($"{Number(column.ValuesCounted)} values counted; {exactness}.");
            Line();
            TableHeader("lrrl", "Value", "Count", "±", "Note");
            var values = limits.Take("values", column.Values).ToList();
            foreach (var value in values)
            {
                var note = value.Redacted ? "sensitive, never shown" : value.Truncated ? $"cut, {Number(value.Length ?? 0)} characters" : "";
                Row(value.Redacted ? "*[REDACTED]*" : Code(value.Value) + (value.Truncated ? " …" : ""), Number(value.Count), value.MaxError == 0 ? "0" : Number(value.MaxError), note);
            }

            More(column.Values.Count, values.Count, column.Other ? "values of other columns" : $"values of column {column.Column?.ToString(CultureInfo.InvariantCulture) ?? "(unknown)"}");
            Line();
        }

        More(report.TopInvalidValues.Count, columns.Count, "columns of top values");
        Line();
    }

    private void LineClusters()
    {
        Line("## Failing rows by file");
        Line();
        Line($"A block is a run of failing rows with at most {Number(report.Settings.ClusterGap)} error-free rows between two failing ones; the largest first.");
        Line();
        var files = limits.Take("files", report.LineClusters).ToList();
        foreach (var file in files)
        {
            if (file.Other)
            {
                Line("### Other files");
                Line();
                Line($"{Number(file.Errors)} errors of files past the limit of distinct keys: counted, not clustered.");
                Line();
                continue;
            }

            Line($"### File {Code(file.FileId?.ToString(CultureInfo.InvariantCulture))}");
            Line();
            Line($"{Number(file.Errors)} errors on {Number(file.Lines)} rows, in {Number(file.ClusterCount)} blocks.");
            Line();
            TableHeader("lrr", "Block", "Rows with errors", "Errors");
            var clusters = limits.Take("clusters", file.Clusters).ToList();
            foreach (var cluster in clusters)
            {
                Row(
                    $"rows {Number(cluster.FirstLine)}-{Number(cluster.LastLine)} ({Number(cluster.Lines)} rows, {Number(cluster.Errors)} errors)",
                    Number(cluster.Lines),
                    Number(cluster.Errors));
            }

            More(file.ClusterCount, clusters.Count, $"blocks of file {file.FileId?.ToString(CultureInfo.InvariantCulture) ?? "(unknown)"}");
            Line();
        }

        More(report.LineClusters.Count, files.Count, "files");
        Line();
    }

    private void FileWide()
    {
        var files = report.LineClusters.Where(f => f.FileWideErrors > 0 || f.ErrorsWithoutLine > 0).ToList();
        if (files.Count == 0)
        {
            return;
        }

        Line("## File-wide errors");
        Line();
        TableHeader("lrr", "File", "File-wide errors (line 0)", "Errors without a line");
        foreach (var file in limits.Take("files", files))
        {
            Row(file.Other ? OtherFiles : Code(file.FileId?.ToString(CultureInfo.InvariantCulture)), Number(file.FileWideErrors), Number(file.ErrorsWithoutLine));
        }

        Line();
    }

    private void Skipped()
    {
        if (report.Skipped.Count == 0)
        {
            return;
        }

        Line("## Skipped");
        Line();
        Line("Malformed input skipped by `--keep-going`:");
        Line();
        TableHeader("lrrrl", "Source", "Page", "Byte", "Record", "Reason");
        var shown = limits.Take("skipped", report.Skipped).ToList();
        foreach (var skipped in shown)
        {
            Row(Code(skipped.Source), Number(skipped.Page), Number(skipped.ByteOffset), Number(skipped.Record), Code(skipped.Reason));
        }

        More(report.Skipped.Count, shown.Count, "skipped pages");
        Line();
    }

    private const string OtherErrorTypes = "*(other unknown types)*";

    private const string OtherColumns = "*(other columns)*";

    private const string OtherFiles = "*(other files)*";

    private static string ColumnName(int? column, string? property) => ReportLabels.ColumnName(column, property);
}
