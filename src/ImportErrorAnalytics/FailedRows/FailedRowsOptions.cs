namespace ImportErrorAnalytics.FailedRows;

/// <summary>How the failed-rows CSV is written (<see cref="Pipeline.ImportErrorAnalyzerBuilder.WithFailedRows"/>).</summary>
public sealed class FailedRowsOptions
{
    /// <summary>The default of <see cref="MemoryBudgetBytes"/>: 64 MiB.</summary>
    public const long DefaultMemoryBudgetBytes = 64L * 1024 * 1024;

    /// <summary>The guard against formulas; <see cref="FailedRowsFormulas.Escape"/> unless set.</summary>
    public FailedRowsFormulas Formulas { get; set; } = FailedRowsFormulas.Escape;

    /// <summary>
    /// About how many bytes of collected errors the run keeps in memory (shared by its workers) before it sorts them
    /// and writes them to a spill file beside the CSV; at the end the spill files are merged.
    /// </summary>
    /// <value>Defaults to 64 MiB (<see cref="DefaultMemoryBudgetBytes"/>); at least 1.</value>
    public long MemoryBudgetBytes { get; set; } = DefaultMemoryBudgetBytes;

    /// <summary>Called once the CSV is written, with what it holds.</summary>
    public Action<FailedRowsSummary>? Written { get; set; }

    internal void Validate() => ArgumentOutOfRangeException.ThrowIfLessThan(MemoryBudgetBytes, 1, nameof(MemoryBudgetBytes));
}
