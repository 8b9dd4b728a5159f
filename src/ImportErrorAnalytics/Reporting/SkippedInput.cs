namespace ImportErrorAnalytics.Reporting;

/// <summary>Malformed input that a keep-going run skipped.</summary>
public sealed class SkippedInput
{
    /// <summary>The input's name.</summary>
    public required string Source { get; init; }

    /// <summary>The 1-based page (or NDJSON line) that failed.</summary>
    public int Page { get; init; }

    /// <summary>The byte offset of the problem in the input.</summary>
    public long ByteOffset { get; init; }

    /// <summary>The 1-based record on the page, or 0.</summary>
    public int Record { get; init; }

    /// <summary>What was wrong.</summary>
    public required string Reason { get; init; }

    /// <summary>What was skipped.</summary>
    public required string Action { get; init; }

    /// <summary>What <see cref="Page"/> counts in messages: <c>page</c>, or <c>line</c> for NDJSON.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    internal string Unit { get; init; } = "page";
}
