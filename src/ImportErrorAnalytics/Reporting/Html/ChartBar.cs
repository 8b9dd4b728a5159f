namespace ImportErrorAnalytics.Reporting.Html;

/// <summary>
/// One bar of a chart: its label (untrusted) and value; <see cref="Class"/> adds a class of ours, <see cref="Note"/>
/// (ours) follows the label in the bar's title (<c>before</c>, <c>after</c>).
/// </summary>
internal readonly record struct ChartBar(string Label, long Value, string? Class = null, string? Note = null);
