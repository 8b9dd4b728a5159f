using static ImportErrorAnalytics.Reporting.ReportLabels;

namespace ImportErrorAnalytics.Reporting.Html;

/// <summary>A combined report's imports: a table of all, then a section per import (<c>import-1</c>, <c>import-2</c>, ...) with its error types.</summary>
internal sealed partial class HtmlWriter
{
    private void Imports()
    {
        if (report.PerImport is not { } perImport)
        {
            return;
        }

        // The library's runs list each import once; a report built otherwise shows the first source of an id.
        var sources = new Dictionary<string, ReportSource>(StringComparer.Ordinal);
        foreach (var source in report.Sources)
        {
            sources.TryAdd(source.ImportId, source);
        }

        var shown = limits.Take("imports", perImport.Totals).ToList();
        Section("imports", "Imports", () =>
        {
            var table = HtmlTable.Begin(
                _html,
                "Imports in this report",
                [new("Import"), new("Name"), new("State"), new("Errors", true), new("Rows", true), new("Error rate", true)]);
            foreach (var row in shown)
            {
                var source = sources.GetValueOrDefault(row.ImportId);
                table.Row(
                    HtmlCell.Code(row.ImportId),
                    HtmlCell.Code(source?.ImportName),
                    HtmlCell.Code(source?.State),
                    HtmlCell.Number(row.Errors),
                    source?.TotalRows is { } rows ? HtmlCell.Number(rows) : HtmlCell.Own("unknown"),
                    HtmlCell.Fraction(source?.ErrorRate, source?.ErrorRate is { } rate ? Percent(rate) : "unknown"));
            }

            table.End();
            More(perImport.Totals.Count, shown.Count, "imports");
        });

        var byImport = perImport.ErrorTypes.ToLookup(row => row.ImportId, StringComparer.Ordinal);
        for (var i = 0; i < shown.Count; i++)
        {
            var importId = shown[i].ImportId;
            Section($"import-{i + 1}", $"Import {i + 1}", () =>
            {
                _html.Open("p").Own("Import ").Code(importId).Own($": {Number(shown[i].Errors)} errors.").Close("p");
                var all = byImport[importId].ToList();
                var types = limits.Take("perImportRows", all).ToList();
                var table = HtmlTable.Begin(_html, "Error types of import", [new("Error type"), new("Errors", true)], importId, withCode: true);
                foreach (var row in types)
                {
                    table.Row(ErrorTypeCell(row.ErrorType, row.Other, row.Known), HtmlCell.Number(row.Count));
                }

                table.End();
                More(all.Count, types.Count, $"error type rows of import {i + 1}");
            });
        }
    }
}
