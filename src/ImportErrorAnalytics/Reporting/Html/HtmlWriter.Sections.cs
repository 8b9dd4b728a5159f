using System.Globalization;
using static ImportErrorAnalytics.Reporting.ReportLabels;

namespace ImportErrorAnalytics.Reporting.Html;

/// <summary>The report's sections, each with its chart beside the table that holds the same numbers.</summary>
internal sealed partial class HtmlWriter
{
    private void ErrorTypes() => Section("error-types", "Error types", () =>
    {
        var shown = limits.Take("errorTypes", report.ErrorTypes).ToList();
        if (charts && shown.Count > 0)
        {
            SvgChart.Bars(_html, "error-types", "Errors by error type", shown.Select(type => new ChartBar(type.Other ? OtherErrorTypes : type.ErrorType ?? "(none)", type.Count)).ToList());
        }

        var table = HtmlTable.Begin(_html, "Errors by error type", [new("Error type"), new("Errors", true), new("Share", true)]);
        foreach (var type in shown)
        {
            table.Row(
                ErrorTypeCell(type.ErrorType, type.Other, type.Known),
                HtmlCell.Number(type.Count),
                HtmlCell.Fraction(report.Totals.Errors == 0 ? null : (double)type.Count / report.Totals.Errors, Share(type.Count, report.Totals.Errors)));
        }

        table.End();
        More(report.ErrorTypes.Count, shown.Count, "error types");
    });

    private void Columns() => Section("columns", "Columns", () =>
    {
        var shown = limits.Take("columns", report.Columns).ToList();
        if (charts && shown.Count > 0)
        {
            SvgChart.Bars(_html, "columns", "Errors by column", shown.Select(c => new ChartBar(c.Other ? OtherColumns : ColumnName(c.Column, c.Property), c.Count)).ToList());
        }

        var table = HtmlTable.Begin(_html, "Errors by column", [new("Column", true), new("Property"), new("Errors", true), new("Top error types")]);
        foreach (var column in shown)
        {
            table.Row(
                ColumnCell(column.Column, column.Other),
                HtmlCell.Code(column.Property),
                HtmlCell.Number(column.Count),
                new HtmlCell(h =>
                {
                    var first = true;
                    foreach (var type in column.ErrorTypes.Take(3))
                    {
                        if (!first)
                        {
                            h.Own(", ");
                        }

                        first = false;
                        if (type.Other)
                        {
                            h.Element("em", OtherErrorTypes);
                        }
                        else
                        {
                            h.Code(type.ErrorType);
                        }

                        h.Own(" " + Number(type.Count));
                    }
                }));
        }

        table.End();
        More(report.Columns.Count, shown.Count, "columns");
    });

    private void TopValues() => Section("top-values", "Top invalid values", () =>
    {
        var columns = limits.Take("columnsWithValues", report.TopInvalidValues).ToList();
        foreach (var column in columns)
        {
            var number = column.Column?.ToString(CultureInfo.InvariantCulture) ?? "(unknown)";
            _html.Open("section").Open("h3");
            if (column.Other)
            {
                _html.Own("Other columns");
            }
            else
            {
                _html.Own($"Column {number} ").Code(column.Property);
            }

            _html.Close("h3");
            var exactness = column.Exact
                ? $"exact, {Number(column.DistinctValues ?? 0)} distinct values"
                : $"approximate (more than {Number(column.DistinctValuesAtLeast - 1)} distinct values): each count is at most its ± above the true count";
            _html.Element("p", $"{Number(column.ValuesCounted)} values counted; {exactness}.");
            var table = HtmlTable.Begin(
                _html,
                column.Other ? "Top values of other columns" : $"Top values of column {number}",
                [new("Value"), new("Count", true), new("±", true), new("At least", true), new("Note")]);
            var values = limits.Take("values", column.Values).ToList();
            foreach (var value in values)
            {
                var note = value.Redacted ? "sensitive, never shown" : value.Truncated ? $"cut, {Number(value.Length ?? 0)} characters" : value.Masked ? "masked" : "";
                table.Row(
                    value.Redacted ? HtmlCell.Em("[REDACTED]") : new HtmlCell(h =>
                    {
                        h.Code(value.Value);
                        if (value.Truncated)
                        {
                            h.Own(" …");
                        }
                    }),
                    HtmlCell.Number(value.Count),
                    HtmlCell.Number(value.MaxError),
                    HtmlCell.Number(value.Count - value.MaxError),
                    HtmlCell.Own(note));
            }

            table.End();
            More(column.Values.Count, values.Count, column.Other ? "values of other columns" : $"values of column {number}");
            _html.Close("section").Constant("\n");
        }

        More(report.TopInvalidValues.Count, columns.Count, "columns of top values");
    });

    private void LineClusters() => Section("blocks", "Failing rows by file", () =>
    {
        _html.Element("p", $"A block is a run of failing rows with at most {Number(report.Settings.ClusterGap)} error-free rows between two failing ones; the largest first.");
        var files = limits.Take("files", report.LineClusters).ToList();
        foreach (var file in files)
        {
            _html.Open("section");
            if (file.Other)
            {
                _html.Element("h3", "Other files");
                _html.Element("p", $"{Number(file.Errors)} errors of files past the limit of distinct keys: counted, not clustered.");
                _html.Close("section").Constant("\n");
                continue;
            }

            var id = file.FileId?.ToString(CultureInfo.InvariantCulture) ?? "(unknown)";
            _html.Open("h3").Own("File ").Code(file.FileId?.ToString(CultureInfo.InvariantCulture)).Close("h3");
            _html.Element("p", $"{Number(file.Errors)} errors on {Number(file.Lines)} rows, in {Number(file.ClusterCount)} blocks.");
            var clusters = limits.Take("clusters", file.Clusters).ToList();
            if (charts && clusters.Count > 0)
            {
                SvgChart.Lines(_html, $"Blocks of failing rows along file {id}", clusters);
            }

            var table = HtmlTable.Begin(
                _html,
                $"Blocks of failing rows of file {id}",
                [new("First row", true), new("Last row", true), new("Rows with errors", true), new("Errors", true)]);
            foreach (var cluster in clusters)
            {
                table.Row(HtmlCell.Number(cluster.FirstLine), HtmlCell.Number(cluster.LastLine), HtmlCell.Number(cluster.Lines), HtmlCell.Number(cluster.Errors));
            }

            table.End();
            More(file.ClusterCount, clusters.Count, $"blocks of file {id}");
            _html.Close("section").Constant("\n");
        }

        More(report.LineClusters.Count, files.Count, "files");
    });

    private void FileWide()
    {
        var files = report.LineClusters.Where(f => f.FileWideErrors > 0 || f.ErrorsWithoutLine > 0).ToList();
        if (files.Count == 0)
        {
            return;
        }

        Section("file-wide", "File-wide errors", () =>
        {
            var table = HtmlTable.Begin(_html, "Errors about whole files", [new("File"), new("File-wide errors (line 0)", true), new("Errors without a line", true)]);
            foreach (var file in limits.Take("files", files))
            {
                table.Row(
                    file.Other ? HtmlCell.Em(OtherFiles) : HtmlCell.Code(file.FileId?.ToString(CultureInfo.InvariantCulture)),
                    HtmlCell.Number(file.FileWideErrors),
                    HtmlCell.Number(file.ErrorsWithoutLine));
            }

            table.End();
        });
    }

    /// <summary>Each custom aggregator's result as its JSON, shown as text.</summary>
    private void CustomAggregators()
    {
        if (report.Custom.Count == 0)
        {
            return;
        }

        Section("custom", "Custom aggregators", () =>
        {
            foreach (var (name, _) in report.Custom.OrderBy(pair => pair.Key, StringComparer.Ordinal))
            {
                _html.Open("section").Open("h3").Code(name).Close("h3");
                _html.Open("pre").Open("code");
                foreach (var line in custom[name])
                {
                    _html.Json(line).Constant("\n");
                }

                _html.Close("code").Close("pre");
                _html.Close("section").Constant("\n");
            }
        });
    }

    private void Skipped()
    {
        if (report.Skipped.Count == 0)
        {
            return;
        }

        Section("skipped", "Skipped", () =>
        {
            _html.Element("p", "Malformed input skipped by --keep-going:");
            var table = HtmlTable.Begin(_html, "Skipped input", [new("Source"), new("Page", true), new("Byte", true), new("Record", true), new("Reason")]);
            var shown = limits.Take("skipped", report.Skipped).ToList();
            foreach (var skipped in shown)
            {
                table.Row(HtmlCell.Code(skipped.Source), HtmlCell.Number(skipped.Page), HtmlCell.Number(skipped.ByteOffset), HtmlCell.Number(skipped.Record), HtmlCell.Code(skipped.Reason));
            }

            table.End();
            More(report.Skipped.Count, shown.Count, "skipped pages");
        });
    }

    private static HtmlCell ErrorTypeCell(string? errorType, bool other, bool known) => other
        ? HtmlCell.Em(OtherErrorTypes)
        : new HtmlCell(h =>
        {
            h.Code(errorType);
            if (!known)
            {
                h.Own(" ").Element("em", "(new)");
            }
        });

    private static HtmlCell ColumnCell(int? column, bool other) => other
        ? HtmlCell.Em(OtherColumns)
        : column is { } c ? HtmlCell.Number(c) : HtmlCell.Em("(unknown)");
}
