namespace ImportErrorAnalytics.Reporting.Html;

/// <summary>How the HTML report is laid out.</summary>
public sealed class HtmlReportOptions
{
    /// <summary>The smallest size budget: the page's own style, script and notes must fit with room to spare.</summary>
    internal const int MinMaxBytes = 64 * 1024;

    /// <summary>
    /// The largest page, in UTF-8 bytes; the longest lists are trimmed first and the page says what was left out; as a
    /// last resort whole sections are cut, with a note.
    /// </summary>
    /// <value>Defaults to 4 MiB; at least 64 KiB (<see cref="HtmlReport.Render"/> throws <see cref="ArgumentOutOfRangeException"/> below).</value>
    public int MaxBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Whether to draw the inline SVG charts (error types, columns, failing rows along each file) beside their tables.</summary>
    /// <value>Defaults to true.</value>
    public bool Charts { get; set; } = true;

    /// <summary>Rows listed per table before the size budget trims anything.</summary>
    /// <value>Defaults to 50; at least 1.</value>
    public int MaxRows { get; set; } = 50;
}
