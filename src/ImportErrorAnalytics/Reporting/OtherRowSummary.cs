namespace ImportErrorAnalytics.Reporting;

/// <summary>
/// A table of the report that met more distinct keys than <see cref="ReportSettings.MaxDistinctKeys"/> and counted the
/// rest in its row marked <c>other</c>.
/// </summary>
public sealed class OtherRowSummary
{
    /// <summary>The table: <c>errorTypes</c>, <c>objectTypes</c>, <c>columns</c>, <c>topInvalidValues</c> or <c>lineClusters</c>.</summary>
    public required string Table { get; init; }

    /// <summary>The errors its other row holds (for <c>topInvalidValues</c>: the values counted there).</summary>
    public long Errors { get; init; }
}
