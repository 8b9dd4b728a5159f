using System.Globalization;
using ImportErrorAnalytics.Escaping;

namespace ImportErrorAnalytics.Reporting;

/// <summary>Words and numbers the reports for people (Markdown, HTML) show the same way.</summary>
internal static class ReportLabels
{
    /// <summary>
    /// The most characters of one untrusted string a report for people shows (its visible form, then <c>…</c>): a
    /// person reads no more, the JSON report keeps it whole, and a rendering costs what it shows however long the data's
    /// strings are (the size budgets may render a report many times).
    /// </summary>
    public const int MaxShownChars = 1000;

    /// <summary>
    /// Untrusted text as shown (<see cref="EscapedText"/>, backslashes doubled), cut to <paramref name="maxChars"/>
    /// characters of its visible form (never between the two halves of a surrogate pair), with <c>…</c> when cut. Only
    /// the first <paramref name="maxChars"/> + 2 characters of <paramref name="value"/> are read: escaping never shortens.
    /// </summary>
    public static string Shown(string value, int maxChars = MaxShownChars)
    {
        var head = value.Length > maxChars + 1 ? value[..(char.IsHighSurrogate(value[maxChars]) ? maxChars + 2 : maxChars + 1)] : value;
        var visible = EscapedText.Escape(head, escapeBackslash: true);
        if (visible.Length <= maxChars)
        {
            return visible;
        }

        var end = char.IsHighSurrogate(visible[maxChars - 1]) ? maxChars - 1 : maxChars;
        return visible[..end] + "…";
    }

    public static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Percent(double share) => share.ToString("P1", CultureInfo.InvariantCulture);

    /// <summary>The share of <paramref name="part"/> in <paramref name="whole"/>; empty when the whole is 0.</summary>
    public static string Share(long part, long whole) =>
        whole == 0 ? "" : ((double)part / whole).ToString("P1", CultureInfo.InvariantCulture);

    /// <summary>A table of the report with an "other" row, as the header of a report names it.</summary>
    public static string OtherRowName(string table) => table switch
    {
        "errorTypes" => "error types",
        "objectTypes" => "object types",
        "columns" => "columns",
        "topInvalidValues" => "values of columns",
        "lineClusters" => "files",
        _ => table,
    };

    /// <summary>A column's name for a chart: its property, else its number.</summary>
    public static string ColumnName(int? column, string? property) =>
        property ?? (column is { } c ? "column " + c.ToString(CultureInfo.InvariantCulture) : "unknown");
}
