using ImportErrorAnalytics.Reporting;
using ImportErrorAnalytics.Snapshots;

namespace ImportErrorAnalytics.Pipeline;

/// <summary>The result of <see cref="ImportErrorAnalyzer.RunPerImportAsync"/>: one report per import and a combined one.</summary>
public sealed class ImportSetReport
{
    /// <summary>One report per import, in the order the imports were added; each equals a run over that import alone.</summary>
    public required IReadOnlyList<ImportErrorReport> Imports { get; init; }

    /// <summary>
    /// The report over all the imports: the merge of their aggregator states (so exact and approximate parts carry the
    /// same guarantees as a single run), their <c>sources</c>, and <see cref="ImportErrorReport.PerImport"/> rows.
    /// </summary>
    public required ImportErrorReport Combined { get; init; }

    /// <summary>Builds each import's snapshot on demand (the states stay with the report until then).</summary>
    internal Func<IReadOnlyList<ReportSnapshot>>? ImportSnapshots { get; init; }

    /// <summary>
    /// The merged state of every import as one snapshot (one run per import), for <c>iea merge</c> or
    /// <see cref="ReportSnapshot.Merge"/> with snapshots taken elsewhere; its report equals <see cref="Combined"/>.
    /// </summary>
    /// <exception cref="NotSupportedException">A custom aggregator cannot save its state.</exception>
    public ReportSnapshot CreateSnapshot() =>
        ReportSnapshot.Merge(ImportSnapshots?.Invoke() ?? throw new InvalidOperationException("This report holds no states."));
}
