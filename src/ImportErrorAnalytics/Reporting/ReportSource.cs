namespace ImportErrorAnalytics.Reporting;

/// <summary>The HubSpot import a report is about.</summary>
public sealed class ReportSource
{
    /// <summary>The import's id.</summary>
    public required string ImportId { get; init; }

    /// <summary>The import's name.</summary>
    public string? ImportName { get; init; }

    /// <summary>The import's state when it was read (CANCELED, DEFERRED, DONE, FAILED, PROCESSING, REVERTED, STARTED).</summary>
    public string? State { get; init; }

    /// <summary>When the import was created (ISO 8601).</summary>
    public string? CreatedAt { get; init; }

    /// <summary>When the import last changed (ISO 8601).</summary>
    public string? UpdatedAt { get; init; }

    /// <summary>HubSpot's counters for the import (TOTAL_ROWS, ERRORS, ...).</summary>
    public required IReadOnlyDictionary<string, long> Counters { get; init; }

    /// <summary>Rows in the import, when HubSpot counts them.</summary>
    public long? TotalRows { get; init; }

    /// <summary>Errors per row (<c>totals.errors / TOTAL_ROWS</c>), when the row total is known.</summary>
    public double? ErrorRate { get; init; }

    /// <summary>Share of rows with at least one error (distinct failing lines / TOTAL_ROWS), when the row total is known.</summary>
    public double? FailingRowRate { get; init; }

    /// <summary>Things the reader should know, e.g. that the import is not DONE and its errors may still grow.</summary>
    public required IReadOnlyList<string> Warnings { get; init; }
}
