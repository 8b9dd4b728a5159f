using System.Globalization;
using ImportErrorAnalytics.Reporting;
using ImportErrorAnalytics.Reporting.Html;
using static ImportErrorAnalytics.Reporting.ReportLabels;

namespace ImportErrorAnalytics.Comparison;

/// <summary>
/// Writes a <see cref="ReportDiff"/> as one self-contained HTML page, under the same policy and encoding as the HTML
/// report (docs/html-report.md): a summary, a chart of the error types before and after, a table per part, and what was
/// not compared. Rows and shown lengths are bounded as in the Markdown diff, so the page's size is too.
/// </summary>
internal sealed class DiffHtmlWriter
{
    private readonly List<HtmlSection> _sections = [];
    private HtmlBuilder _html = new();

    private DiffHtmlWriter()
    {
    }

    public static string Write(ReportDiff diff)
    {
        var writer = new DiffHtmlWriter();
        writer.Summary(diff);
        writer.Table("error-types", "Error types", "Error type", diff.ErrorTypes, "error types", chart: true);
        writer.Table("columns", "Columns", "Column", diff.Columns, "columns", withProperty: true);
        writer.Table("object-types", "Object types", "Object type", diff.ObjectTypes, "object types");
        writer.Table("files", "Files", "File", diff.Files, "files");
        writer.TopValues(diff);
        writer.NotCompared(diff);
        return new HtmlPage("Import errors: before and after", writer._sections).Write(int.MaxValue);
    }

    private void Section(string id, string heading, Action body)
    {
        _html = new HtmlBuilder();
        _html.Open("section", ("id", id)).Constant("\n");
        if (id == "summary")
        {
            _html.Element("h1", heading);
        }
        else
        {
            _html.Element("h2", heading);
        }

        _html.Constant("\n");
        body();
        _html.Close("section").Constant("\n");
        _sections.Add(new HtmlSection(id, heading, _html.ToString()));
    }

    private void Summary(ReportDiff diff) => Section("summary", "Import errors: before and after", () =>
    {
        _html.Open("dl", ("class", "iea-summary"));
        _html.Element("dt", "Errors").Element("dd", $"{Number(diff.ErrorsBefore)} → {Number(diff.ErrorsAfter)} ({Change(diff.ErrorsChange)}{Relative(diff.ErrorsBefore, diff.ErrorsAfter)})");
        if (diff.ErrorRateBefore is { } rateBefore && diff.ErrorRateAfter is { } rateAfter)
        {
            var arrow = rateAfter > rateBefore ? "▲" : rateAfter < rateBefore ? "▼" : "=";
            _html.Element("dt", "Error rate").Element("dd", $"{Rate(rateBefore)} → {Rate(rateAfter)} ({arrow})");
        }

        _html.Close("dl");
        if (!diff.HasChanges)
        {
            _html.Element("p", "Nothing compared changed.");
        }
    });

    private void Table(string id, string heading, string keyHeading, IReadOnlyList<CountChange> rows, string what, bool withProperty = false, bool chart = false)
    {
        if (rows.Count == 0)
        {
            return;
        }

        Section(id, heading, () =>
        {
            var shown = rows.Take(DiffMarkdownWriter.MaxRows).ToList();
            if (chart)
            {
                var bars = new List<ChartBar>();
                foreach (var row in shown)
                {
                    var label = row.Other ? $"(other {what})" : Shown(row.Key) ?? "(none)";
                    bars.Add(new ChartBar(label, row.Before, "iea-before", "before"));
                    bars.Add(new ChartBar(label, row.After, "iea-after", "after"));
                }

                _html.Element("p", "Two bars per row: the first is before, the second after (in colour, blue then amber; each bar's title says which).", ("class", "iea-note"));
                SvgChart.Bars(_html, id, $"{heading}: errors before and after", bars, barsPerRow: 2);
            }

            HtmlColumn[] columns = withProperty
                ? [new(keyHeading), new("Property"), new("Before", true), new("After", true), new("Change", true)]
                : [new(keyHeading), new("Before", true), new("After", true), new("Change", true)];
            var table = HtmlTable.Begin(_html, $"{heading} whose count changed", columns);
            foreach (var row in shown)
            {
                var key = row.Other ? HtmlCell.Em($"(other {what})") : HtmlCell.Code(Shown(row.Key));
                var change = new HtmlCell(
                    h =>
                    {
                        h.Own(Change(row.Change));
                        if (row.Kind is ChangeKind.New or ChangeKind.Gone)
                        {
                            h.Own(" ").Element("em", row.Kind == ChangeKind.New ? "(new)" : "(gone)");
                        }
                    },
                    HtmlText.Raw(row.Change));
                if (withProperty)
                {
                    table.Row(key, HtmlCell.Code(Shown(row.Property)), HtmlCell.Number(row.Before), HtmlCell.Number(row.After), change);
                }
                else
                {
                    table.Row(key, HtmlCell.Number(row.Before), HtmlCell.Number(row.After), change);
                }
            }

            table.End();
            More(rows.Count, what);
        });
    }

    private void TopValues(ReportDiff diff)
    {
        if (diff.TopValues.Count == 0)
        {
            return;
        }

        Section("top-values", "Top values that appeared or disappeared", () =>
        {
            var table = HtmlTable.Begin(
                _html,
                "Values that appeared in or disappeared from a column's top values",
                [new("Column", true), new("Property"), new("Value"), new("Change"), new("Errors", true)]);
            foreach (var value in diff.TopValues.Take(DiffMarkdownWriter.MaxRows))
            {
                var column = value.Other ? HtmlCell.Em("(other columns)") : value.Column is { } c ? HtmlCell.Number(c) : HtmlCell.Em("(unknown)");
                var kind = (value.Kind == ChangeKind.New ? "▲ appeared" : "▼ disappeared") + (value.Certain ? "" : " (from the list)");
                table.Row(column, HtmlCell.Code(Shown(value.Property)), HtmlCell.Code(Shown(value.Value)), HtmlCell.Own(kind), HtmlCell.Number(value.Count));
            }

            table.End();
            More(diff.TopValues.Count, "values");
        });
    }

    private void NotCompared(ReportDiff diff)
    {
        if (diff.NotCompared.Count == 0)
        {
            return;
        }

        Section("not-compared", "Not compared", () =>
        {
            _html.Open("ul");
            foreach (var note in diff.NotCompared)
            {
                // The notes are the library's own sentences (settings are numbers); encoded all the same.
                _html.Open("li").Open("code").Own(note.Part).Close("code").Own(": " + note.Reason).Close("li");
            }

            _html.Close("ul");
        });
    }

    private void More(int count, string what)
    {
        if (count > DiffMarkdownWriter.MaxRows)
        {
            _html.Element("p", $"… and {Number(count - DiffMarkdownWriter.MaxRows)} more {what}.", ("class", "iea-more"));
        }
    }

    /// <summary>At most <see cref="DiffMarkdownWriter.MaxShownLength"/> characters of the text (never half a surrogate pair), then <c>…</c>.</summary>
    private static string? Shown(string? text)
    {
        if (text is null || text.Length <= DiffMarkdownWriter.MaxShownLength)
        {
            return text;
        }

        var end = char.IsHighSurrogate(text[DiffMarkdownWriter.MaxShownLength - 1]) ? DiffMarkdownWriter.MaxShownLength - 1 : DiffMarkdownWriter.MaxShownLength;
        return text[..end] + "…";
    }

    private static string Change(long change) =>
        change > 0 ? "▲ +" + Number(change) : change < 0 ? "▼ −" + Number(-change) : "=";

    private static string Relative(long before, long after) =>
        before == 0 || before == after ? "" : ", " + ((double)(after - before) / before).ToString("+0.0%;−0.0%", CultureInfo.InvariantCulture);

    private static string Rate(double rate) => rate.ToString("P2", CultureInfo.InvariantCulture);
}
