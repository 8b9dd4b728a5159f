namespace ImportErrorAnalytics.FailedRows;

/// <summary>What a failed-rows CSV holds, told once it is written (<see cref="FailedRowsOptions.Written"/>).</summary>
/// <param name="Path">The CSV's full path.</param>
/// <param name="Rows">Data rows written: one per failing line (file and line).</param>
/// <param name="Errors">Errors listed in those rows (an error id seen twice counts once).</param>
/// <param name="FileWideErrors">Errors left out because they belong to no line (<c>lineNumber</c> 0 or absent).</param>
/// <param name="RowsWithoutCells">Rows for which HubSpot sent no cells (their cells are empty).</param>
/// <param name="SpillFiles">Sorted runs written to disk while collecting (0 when everything fit in memory).</param>
/// <param name="HeaderFromMappings">Whether the header came from the import's column mappings (else <c>column_1</c>...).</param>
public sealed record FailedRowsSummary(
    string Path, long Rows, long Errors, long FileWideErrors, long RowsWithoutCells, int SpillFiles, bool HeaderFromMappings);
