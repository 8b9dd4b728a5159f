using ImportErrorAnalytics.Model;
using static ImportErrorAnalytics.Reporting.ReportLabels;

namespace ImportErrorAnalytics.Reporting.Html;

/// <summary>
/// Writes one rendering of the report with the given list limits, section by section, with the content of the
/// Markdown report (the same sections, the same limits and the same "left out" notes).
/// </summary>
internal sealed partial class HtmlWriter(ImportErrorReport report, SectionLimits limits, bool charts, IReadOnlyDictionary<string, string[]> custom)
{
    /// <summary>Characters of an import name shown in the page's title.</summary>
    private const int TitleChars = 120;

    private readonly List<HtmlSection> _sections = [];
    private readonly List<string> _leftOut = [];
    private HtmlBuilder _html = new();

    public HtmlPage Write()
    {
        Summary();
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
        return new HtmlPage(Title(), _sections);
    }

    /// <summary>Writes a top-level section with a fixed id of ours and a heading of ours.</summary>
    private void Section(string id, string heading, Action body)
    {
        _html = new HtmlBuilder();
        _html.Open("section", ("id", id)).Constant("\n").Element("h2", heading).Constant("\n");
        body();
        _html.Close("section").Constant("\n");
        _sections.Add(new HtmlSection(id, heading, _html.ToString()));
    }

    /// <summary>Notes rows the limits left out, under the table and in the closing list.</summary>
    private void More(int total, int shown, string what)
    {
        if (total > shown)
        {
            var line = $"{Number(total - shown)} more {what} not shown";
            _html.Element("p", $"… {line}; the JSON report has them all.", ("class", "iea-more"));
            _leftOut.Add(line);
        }
    }

    private string Title()
    {
        var source = report.Sources.Count == 1 ? report.Sources[0] : null;
        if (source is null)
        {
            return report.Sources.Count > 1 ? $"Import errors: {Number(report.Sources.Count)} imports" : "Import errors";
        }

        var name = source.ImportName is null ? "" : HtmlText.VisibleCut(source.ImportName, TitleChars) + " ";
        return $"Import errors: {name}(import {HtmlText.VisibleCut(source.ImportId, TitleChars)})";
    }

    private void Summary()
    {
        var source = report.Sources.Count == 1 ? report.Sources[0] : null;
        _html = new HtmlBuilder();
        _html.Open("section", ("id", "summary")).Constant("\n");
        _html.Open("h1").Own("Import errors");
        if (source is not null)
        {
            _html.Own(": ");
            if (source.ImportName is not null)
            {
                _html.Code(source.ImportName).Own(" ");
            }

            _html.Own("(import ").Code(source.ImportId).Own(")");
        }
        else if (report.Sources.Count > 1)
        {
            _html.Own($": {Number(report.Sources.Count)} imports");
        }

        _html.Close("h1").Constant("\n");
        _html.Open("dl", ("class", "iea-summary"));
        if (source is not null)
        {
            Term("State", h => h.Code(source.State));
            Term("Created", h => h.Code(source.CreatedAt));
        }

        Term("Errors", h => h.Own(Number(report.Totals.Errors)));
        if (source?.TotalRows is { } rows)
        {
            Term("Rows in the import", h => h.Own(Number(rows)));
            Term("Error rate", h => h.Own(source.ErrorRate is { } rate ? Percent(rate) + " (errors per row)" : "unknown"));
            Term("Rows with errors", h => h.Own(source.FailingRowRate is { } failing ? Percent(failing) : "unknown"));
        }

        Term("Pages read", h => h.Own(Number(report.Totals.Pages)));
        Term("Sensitive values (redacted)", h => h.Own(Number(report.Totals.RedactedValues)));
        Term("Errors of types newer than HubSpot's list", h => h.Own(Number(report.Totals.UnknownErrorTypeErrors)));
        var approximate = report.TopInvalidValues.Count(column => !column.Exact);
        Term("Counts", h => h.Own(approximate == 0 ? "exact" : $"exact, except the top values of {Number(approximate)} column(s) (approximate, with error bounds)"));
        Term("Report", h =>
        {
            if (report.Complete)
            {
                h.Own("complete");
            }
            else
            {
                h.Element("strong", "partial").Own(": the run stopped early; only complete pages are counted");
            }
        });
        if (report.OtherRows is { Count: > 0 } others)
        {
            Term("Distinct keys", h => h.Own(
                $"more than {Number(report.Settings.MaxDistinctKeys)} in some tables; the rest are counted in one \"other\" row: "
                + string.Join(", ", others.Select(o => $"{OtherRowName(o.Table)} {Number(o.Errors)}"))));
        }

        _html.Close("dl").Constant("\n");
        foreach (var warning in report.Sources.SelectMany(s => s.Warnings))
        {
            _html.Open("p", ("class", "iea-warning")).Element("strong", "Warning:").Own(" ").Code(warning).Close("p").Constant("\n");
        }

        _html.Close("section").Constant("\n");
        _sections.Add(new HtmlSection("summary", "Summary", _html.ToString()));
    }

    private void Term(string term, Action<HtmlBuilder> description)
    {
        _html.Element("dt", term).Open("dd");
        description(_html);
        _html.Close("dd");
    }

    private void Guides()
    {
        if (report.ErrorTypes.Count == 0)
        {
            return;
        }

        Section("guides", "What to do", () =>
        {
            var shown = limits.Take("guides", report.ErrorTypes).ToList();
            _html.Open("ul");
            foreach (var type in shown)
            {
                _html.Open("li");
                if (type.Other)
                {
                    _html.Element("em", OtherErrorTypes);
                }
                else
                {
                    _html.Code(type.ErrorType);
                }

                _html.Own($" ({Number(type.Count)} error{(type.Count == 1 ? "" : "s")}): ");
                // The type name comes from the data; the guide's words and link are this project's own.
                if (!type.Other && HubSpotErrorGuides.TryGet(type.ErrorType, out var guide))
                {
                    _html.Element("strong", guide.Summary).Own(" " + guide.Text);
                    if (guide.Link is not null)
                    {
                        _html.Own(" ").Element("a", "HubSpot's help", ("href", guide.Link), ("rel", "noopener noreferrer"));
                    }
                }
                else
                {
                    _html.Own("no guide exists yet for this type; HubSpot's error messages (--include-error-message) may say more.");
                }

                _html.Close("li");
            }

            _html.Close("ul");
            More(report.ErrorTypes.Count, shown.Count, "error types' guides");
        });
    }

    private void LeftOut()
    {
        if (_leftOut.Count == 0)
        {
            return;
        }

        Section("left-out", "Left out", () =>
        {
            _html.Element("p", "To keep this report within its size budget, it leaves out (the JSON report is complete):");
            _html.Open("ul");
            foreach (var item in _leftOut)
            {
                _html.Element("li", item);
            }

            _html.Close("ul");
        });
    }

    private const string OtherErrorTypes = "(other unknown types)";

    private const string OtherColumns = "(other columns)";

    private const string OtherFiles = "(other files)";
}
