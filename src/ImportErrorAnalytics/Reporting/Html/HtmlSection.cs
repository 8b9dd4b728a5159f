namespace ImportErrorAnalytics.Reporting.Html;

/// <summary>A top-level section of a page: its fixed id, its name for the cut note, and its markup.</summary>
internal readonly record struct HtmlSection(string Id, string Name, string Markup);
