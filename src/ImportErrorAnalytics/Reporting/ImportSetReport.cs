namespace ImportErrorAnalytics.Reporting;

/// <summary>The result of <see cref="Pipeline.ImportErrorAnalyzer.RunPerImportAsync"/>: one report per import and a combined one.</summary>
public sealed class ImportSetReport
{
    /// <summary>One report per import, in the order the imports were added; each equals a run over that import alone.</summary>
    public required IReadOnlyList<ImportErrorReport> Imports { get; init; }

    /// <summary>
    /// The report over all the imports: the merge of their aggregator states (so exact and approximate parts carry the
    /// same guarantees as a single run), their <c>sources</c>, and <see cref="ImportErrorReport.PerImport"/> rows.
    /// </summary>
    public required ImportErrorReport Combined { get; init; }
}
