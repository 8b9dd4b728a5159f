using System.Text;

namespace ImportErrorAnalytics.FailedRows;

/// <summary>RFC 4180 fields, the formula guard, and the joining of a line's several values into one field.</summary>
internal static class CsvText
{
    /// <summary>Between the values of a joined field: <c> | </c>.</summary>
    internal const string Separator = " | ";

    /// <summary>Whether a spreadsheet would take <paramref name="field"/> for a formula: it starts with = + - @, a tab or a carriage return.</summary>
    public static bool IsFormulaLike(string field) => field.Length > 0 && field[0] is '=' or '+' or '-' or '@' or '\t' or '\r';

    /// <summary>The field with the guard applied: a formula-like one gets a leading <c>'</c>.</summary>
    public static string Guard(string field, FailedRowsFormulas formulas) =>
        formulas == FailedRowsFormulas.Escape && IsFormulaLike(field) ? "'" + field : field;

    /// <summary>Appends <paramref name="field"/>, quoted (its quotes doubled) when it holds a comma, a quote, CR or LF.</summary>
    public static void Append(StringBuilder line, string field)
    {
        if (field.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            line.Append(field);
            return;
        }

        line.Append('"');
        foreach (var c in field)
        {
            line.Append(c);
            if (c == '"')
            {
                line.Append('"');
            }
        }

        line.Append('"');
    }

    /// <summary>
    /// Distinct values joined with <see cref="Separator"/>, unambiguously: in a value a backslash is written <c>\\</c>
    /// and a <c>|</c> is written <c>\|</c>, so an unescaped <c>|</c> only ever separates values.
    /// </summary>
    public static string Join(IEnumerable<string> values)
    {
        var text = new StringBuilder();
        var first = true;
        foreach (var value in values)
        {
            if (!first)
            {
                text.Append(Separator);
            }

            first = false;
            foreach (var c in value)
            {
                if (c is '\\' or '|')
                {
                    text.Append('\\');
                }

                text.Append(c);
            }
        }

        return text.ToString();
    }
}
