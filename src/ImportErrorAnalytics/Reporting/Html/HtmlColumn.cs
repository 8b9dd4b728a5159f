namespace ImportErrorAnalytics.Reporting.Html;

/// <summary>A column of a data table: its heading, and whether its cells are numbers (right-aligned, sorted by value).</summary>
internal readonly record struct HtmlColumn(string Heading, bool Numeric = false);
