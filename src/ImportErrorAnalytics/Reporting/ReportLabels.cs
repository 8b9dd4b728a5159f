using System.Globalization;

namespace ImportErrorAnalytics.Reporting;

/// <summary>Words and numbers the reports for people (Markdown, HTML) show the same way.</summary>
internal static class ReportLabels
{
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
