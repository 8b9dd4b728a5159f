namespace ImportErrorAnalytics.FailedRows;

/// <summary>The failed-rows CSV, or one of its spill files, cannot be written: an output failure, not an input's.</summary>
internal sealed class FailedRowsWriteException(string path, Exception inner)
    : IOException($"cannot write the failed rows to '{path}' (or their spill files beside it): {inner.Message}", inner)
{
    /// <summary>
    /// What the run gave when it had finished before the CSV failed (its report or snapshot), so a caller still writes
    /// the report of everything counted; <see langword="null"/> when the run itself failed.
    /// </summary>
    public object? CompletedResult { get; internal set; }
}
