namespace ImportErrorAnalytics.Reporting;

/// <summary>Overall counts of a run.</summary>
public sealed class ReportTotals
{
    /// <summary>Error records counted.</summary>
    public long Errors { get; init; }

    /// <summary>Response pages counted (NDJSON inputs have none).</summary>
    public long Pages { get; init; }

    /// <summary>Inputs read (files, streams).</summary>
    public int Inputs { get; init; }

    /// <summary>Bytes of committed input.</summary>
    public long Bytes { get; init; }

    /// <summary>Records whose value HubSpot marks sensitive (counted as <c>[REDACTED]</c>).</summary>
    public long RedactedValues { get; init; }

    /// <summary>Records whose <c>errorType</c> is not in HubSpot's 2026-03 list (kept and counted all the same).</summary>
    public long UnknownErrorTypeErrors { get; init; }

    /// <summary>Pages or lines skipped as malformed (only with keep-going).</summary>
    public int Skipped { get; init; }
}
