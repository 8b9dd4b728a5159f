namespace ImportErrorAnalytics.Reporting.Markdown;

/// <summary>How the Markdown report is laid out.</summary>
public sealed class MarkdownReportOptions
{
    /// <summary>The largest report, in UTF-8 bytes; the longest lists are trimmed first, and the report says what was left out.</summary>
    /// <value>Defaults to 1 MiB, GitHub's job-summary limit.</value>
    public int MaxBytes { get; set; } = 1024 * 1024;

    /// <summary>Whether to draw Mermaid charts (a pie of error types, a bar chart of columns) beside the tables.</summary>
    /// <value>Defaults to true.</value>
    public bool Charts { get; set; } = true;

    /// <summary>Rows listed per table before the size budget trims anything.</summary>
    /// <value>Defaults to 50.</value>
    public int MaxRows { get; set; } = 50;
}
