namespace ImportErrorAnalytics.Pipeline;

/// <summary>How far a run has come.</summary>
/// <param name="Pages">Pages (or NDJSON blocks) committed.</param>
/// <param name="Errors">Error records committed.</param>
/// <param name="Bytes">Input bytes committed.</param>
/// <param name="Elapsed">Time since the run started.</param>
public readonly record struct AnalysisProgress(long Pages, long Errors, long Bytes, TimeSpan Elapsed);
