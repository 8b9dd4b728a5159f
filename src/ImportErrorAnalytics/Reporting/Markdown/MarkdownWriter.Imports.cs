using static ImportErrorAnalytics.Reporting.Markdown.MarkdownText;

namespace ImportErrorAnalytics.Reporting.Markdown;

/// <summary>A combined report's per-import sections.</summary>
internal sealed partial class MarkdownWriter
{
    private void Imports()
    {
        if (report.PerImport is not { } perImport)
        {
            return;
        }

        Line("## Imports");
        Line();
        // The library's runs list each import once; a report built otherwise shows the first source of an id.
        var sources = new Dictionary<string, ReportSource>(StringComparer.Ordinal);
        foreach (var source in report.Sources)
        {
            sources.TryAdd(source.ImportId, source);
        }

        var shown = limits.Take("imports", perImport.Totals).ToList();
        TableHeader("lllrrr", "Import", "Name", "State", "Errors", "Rows", "Error rate");
        foreach (var row in shown)
        {
            var source = sources.GetValueOrDefault(row.ImportId);
            Row(
                Code(row.ImportId),
                Code(source?.ImportName),
                Code(source?.State),
                Number(row.Errors),
                source?.TotalRows is { } rows ? Number(rows) : "unknown",
                source?.ErrorRate is { } rate ? Percent(rate) : "unknown");
        }

        More(perImport.Totals.Count, shown.Count, "imports");
        Line();

        Line("### Error types per import");
        Line();
        var types = limits.Take("perImportRows", perImport.ErrorTypes).ToList();
        TableHeader("llr", "Error type", "Import", "Errors");
        foreach (var row in types)
        {
            Row(row.Other ? OtherErrorTypes : Code(row.ErrorType) + (row.Known ? "" : " *(new)*"), Code(row.ImportId), Number(row.Count));
        }

        More(perImport.ErrorTypes.Count, types.Count, "error type rows per import");
        Line();
    }
}
