namespace ImportErrorAnalytics.Comparison;

/// <summary>A part of two reports that the diff does not compare, and why (the reports were made with different settings).</summary>
public sealed class DiffNote
{
    /// <summary>The part: <c>topValues</c>, <c>lineClusters</c>, <c>otherRows</c>, <c>errorRate</c>, <c>custom</c>.</summary>
    public required string Part { get; init; }

    /// <summary>Why it is not compared, in a sentence.</summary>
    public required string Reason { get; init; }
}
