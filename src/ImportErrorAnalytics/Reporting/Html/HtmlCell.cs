namespace ImportErrorAnalytics.Reporting.Html;

/// <summary>One cell: written by <see cref="Write"/>; <see cref="SortValue"/> is the raw number of a numeric cell.</summary>
internal readonly record struct HtmlCell(Action<HtmlBuilder> Write, string? SortValue = null)
{
    public static HtmlCell Code(string? value) => new(h => h.Code(value));

    public static HtmlCell Own(string text) => new(h => h.Own(text));

    public static HtmlCell Em(string text) => new(h => h.Element("em", text));

    public static HtmlCell Number(long value) => new(h => h.Own(ReportLabels.Number(value)), HtmlText.Raw(value));

    public static HtmlCell Fraction(double? value, string shown) => new(h => h.Own(shown), value is { } v ? HtmlText.Raw(v) : null);
}
