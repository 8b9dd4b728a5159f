using System.Globalization;
using System.Text;

namespace ImportErrorAnalytics.FailedRows;

/// <summary>
/// Writes the failed-rows CSV from errors in order: the header, then one row per failing line with its cells (the
/// longest row any of its errors carried, padded to the header), redactions of all its errors applied, and its error
/// types, columns, property names and messages, each joined (<see cref="CsvText.Join"/>), distinct, in the order of
/// the line's errors. RFC 4180: CRLF ends every record, UTF-8 without a byte order mark.
/// </summary>
internal sealed class FailedRowsCsvWriter(IReadOnlyList<string> cellNames, FailedRowsFormulas formulas)
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    public long Rows { get; private set; }

    public long Errors { get; private set; }

    public long RowsWithoutCells { get; private set; }

    public async ValueTask WriteAsync(Stream stream, IEnumerable<FailedError> ordered, CancellationToken cancellationToken)
    {
        var output = new StreamWriter(stream, Utf8NoBom, 64 * 1024, leaveOpen: true);
        await using (output.ConfigureAwait(false))
        {
            var line = new StringBuilder();
            Record(line, ["file_id", "line_number", .. cellNames.Select(name => CsvText.Guard(name, formulas)), "error_types", "columns", "properties", "messages"]);
            await output.WriteAsync(line, cancellationToken).ConfigureAwait(false);

            var group = new List<FailedError>();
            foreach (var error in ordered)
            {
                if (group.Count > 0 && FailedError.CompareLine(group[0], error) != 0)
                {
                    await WriteLineAsync(output, line, group, cancellationToken).ConfigureAwait(false);
                }

                group.Add(error);
            }

            if (group.Count > 0)
            {
                await WriteLineAsync(output, line, group, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async ValueTask WriteLineAsync(StreamWriter output, StringBuilder line, List<FailedError> group, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        line.Clear();
        Record(line, Fields(Distinct(group)));
        await output.WriteAsync(line, cancellationToken).ConfigureAwait(false);
        group.Clear();
    }

    /// <summary>The line's errors, an error id seen before in the line dropped (a page read twice lists it once).</summary>
    private static List<FailedError> Distinct(List<FailedError> group)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        return group.Where(error => error.Id.Length == 0 || ids.Add(error.Id)).ToList();
    }

    private List<string> Fields(List<FailedError> errors)
    {
        Rows++;
        Errors += errors.Count;
        var first = errors[0];
        var cells = errors.Select(error => error.Cells).Where(row => row is not null).MaxBy(row => row!.Length);
        if (cells is null)
        {
            RowsWithoutCells++;
        }

        var redactsRow = errors.Any(error => error.RedactsRow);
        var redacted = new HashSet<int>(errors.Select(error => error.RedactedCell).Where(cell => cell >= 0));
        foreach (var error in errors)
        {
            for (var i = 0; error.Cells is { } own && i < own.Length; i++)
            {
                if (own[i] is null)
                {
                    redacted.Add(i);
                }
            }
        }

        var fields = new List<string>(cellNames.Count + 6)
        {
            first.FileId?.ToString(CultureInfo.InvariantCulture) ?? "",
            first.Line.ToString(CultureInfo.InvariantCulture),
        };
        for (var i = 0; i < cellNames.Count; i++)
        {
            var cell = cells is not null && i < cells.Length ? cells[i] : null;
            var inRow = cells is not null && i < cells.Length;
            fields.Add(inRow && (redactsRow || redacted.Contains(i) || cell is null) ? FailedError.Redacted : Guard(cell ?? ""));
        }

        fields.Add(Guard(CsvText.Join(errors.Select(error => error.ErrorType).OfType<string>().Distinct(StringComparer.Ordinal))));
        fields.Add(Guard(CsvText.Join(errors.Select(error => error.Column).OfType<int>().Distinct().Select(ColumnName))));
        fields.Add(Guard(CsvText.Join(errors.Select(error => error.Property).OfType<string>().Distinct(StringComparer.Ordinal))));
        fields.Add(Guard(CsvText.Join(errors.Select(error => error.Message).OfType<string>().Distinct(StringComparer.Ordinal))));
        return fields;
    }

    /// <summary>A column as the CSV's header names it (<c>column_K</c> past the header's cells).</summary>
    private string ColumnName(int column) => column >= 0 && column < cellNames.Count ? cellNames[column] : $"column_{column + 1}";

    private string Guard(string field) => CsvText.Guard(field, formulas);

    private static void Record(StringBuilder line, IEnumerable<string> fields)
    {
        var first = true;
        foreach (var field in fields)
        {
            if (!first)
            {
                line.Append(',');
            }

            CsvText.Append(line, field);
            first = false;
        }

        line.Append("\r\n");
    }
}
