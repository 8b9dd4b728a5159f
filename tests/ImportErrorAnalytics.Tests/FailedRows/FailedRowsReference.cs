using System.Globalization;
using ImportErrorAnalytics.Testing;

namespace ImportErrorAnalytics.Tests.FailedRows;

/// <summary>
/// The failed rows computed plainly, in memory, from the errors as generated (no parser, no spill): group by file and
/// line, sort, apply the documented rules. The oracle of the collector's spill-and-merge.
/// </summary>
internal static class FailedRowsReference
{
    public static List<string[]> Rows(IReadOnlyList<SyntheticError> errors, bool guard)
    {
        var rowErrors = errors.Where(error => error.LineNumber >= 1).ToList();
        var cells = rowErrors.Select(error => error.RowData?.Count ?? 0).DefaultIfEmpty(0).Max();
        var names = Enumerable.Range(1, cells).Select(i => $"column_{i}").ToArray();
        var rows = new List<string[]>();
        rows.Add(["file_id", "line_number", .. names, "error_types", "columns", "properties", "messages"]);
        var lines = rowErrors
            .GroupBy(error => (error.FileId, Line: error.LineNumber!.Value))
            .OrderBy(group => group.Key.FileId.HasValue).ThenBy(group => group.Key.FileId).ThenBy(group => group.Key.Line);
        foreach (var line in lines)
        {
            var ordered = line
                .Select(error => (Error: error, Message: error.ErrorMessage is null ? null : error.IsSensitive ? "[REDACTED]" : error.ErrorMessage))
                .OrderBy(e => e.Error.ErrorType, StringComparer.Ordinal)
                .ThenBy(e => e.Error.KnownColumnNumber)
                .ThenBy(e => e.Error.PropertyName, StringComparer.Ordinal)
                .ThenBy(e => e.Message, StringComparer.Ordinal)
                .ThenBy(e => e.Error.Id, StringComparer.Ordinal)
                .ToList();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            ordered = ordered.Where(e => e.Error.Id.Length == 0 || seen.Add(e.Error.Id)).ToList();

            var row = ordered.Select(e => e.Error.RowData).Where(r => r is not null).MaxBy(r => r!.Count);
            var sensitive = ordered.Where(e => e.Error.IsSensitive).Select(e => e.Error).ToList();
            var all = sensitive.Any(e => e.KnownColumnNumber is null || e.ContainsEncryptedProperties == true);
            var fields = new List<string>
            {
                line.Key.FileId?.ToString(CultureInfo.InvariantCulture) ?? "",
                line.Key.Line.ToString(CultureInfo.InvariantCulture),
            };
            for (var i = 0; i < cells; i++)
            {
                fields.Add(row is null || i >= row.Count ? ""
                    : all || sensitive.Any(e => e.KnownColumnNumber == i) ? "[REDACTED]"
                    : Guard(row[i], guard));
            }

            fields.Add(Guard(Join(ordered.Select(e => e.Error.ErrorType)), guard));
            fields.Add(Guard(Join(ordered.Select(e => e.Error.KnownColumnNumber is { } c ? (c < cells ? names[c] : $"column_{c + 1}") : null)), guard));
            fields.Add(Guard(Join(ordered.Select(e => e.Error.PropertyName)), guard));
            fields.Add(Guard(Join(ordered.Select(e => e.Message)), guard));
            rows.Add([.. fields]);
        }

        return rows;
    }

    public static string Guard(string text, bool guard) =>
        guard && text.Length > 0 && "=+-@\t\r".Contains(text[0], StringComparison.Ordinal) ? "'" + text : text;

    /// <summary>Distinct non-null values, in order, joined by " | " with \ and | escaped by a backslash.</summary>
    public static string Join(IEnumerable<string?> values) =>
        string.Join(" | ", values.OfType<string>().Distinct(StringComparer.Ordinal).Select(v => v.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal)));
}
