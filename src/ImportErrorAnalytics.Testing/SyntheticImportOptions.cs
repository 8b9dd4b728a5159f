namespace ImportErrorAnalytics.Testing;

/// <summary>The shape of a synthetic import's errors.</summary>
public sealed class SyntheticImportOptions
{
    /// <summary>The random seed: equal options give equal errors.</summary>
    public int Seed { get; set; } = 42;

    /// <summary>Number of errors.</summary>
    public long Errors { get; set; } = 10_000;

    /// <summary>Number of files in the import.</summary>
    public int Files { get; set; } = 3;

    /// <summary>Rows per file.</summary>
    public int RowsPerFile { get; set; } = 1_000_000;

    /// <summary>
    /// When set, the import gets as many files as it needs (never fewer than <see cref="Files"/>) so that no file holds
    /// more errors than this. Failing lines advance about 17 rows per error on average, so a value up to
    /// <see cref="RowsPerFile"/> / 20 keeps every failing line inside its file; without it a very large import piles
    /// its last errors onto each file's last row. <see langword="null"/> (the default) keeps <see cref="Files"/> files.
    /// </summary>
    public long? MaxErrorsPerFile { get; set; }

    /// <summary>Size of each column's vocabulary of invalid values (a Zipf-distributed long tail).</summary>
    public int DistinctValuesPerColumn { get; set; } = 5_000;

    /// <summary>Share of errors whose value HubSpot marks sensitive.</summary>
    public double SensitiveRate { get; set; } = 0.02;

    /// <summary>Share of errors with an error type HubSpot had not documented in 2026-03.</summary>
    public double UnknownTypeRate { get; set; } = 0.002;

    /// <summary>Share of errors with a large value (COLUMN_TOO_LARGE).</summary>
    public double LargeValueRate { get; set; } = 0.0005;

    /// <summary>Length of a large value in characters.</summary>
    public int LargeValueLength { get; set; } = 4_000;

    /// <summary>
    /// Whether errors carry the row's cells in <c>rowData</c> (HubSpot's <c>includeRowData</c>); without it the full
    /// shape writes the required <c>rowData</c> empty and the lean shape leaves it out.
    /// </summary>
    public bool IncludeRowData { get; set; }

    /// <summary>Whether errors carry <c>errorMessage</c>.</summary>
    public bool IncludeErrorMessage { get; set; }

    /// <summary>
    /// Which fields each record carries: <see cref="SyntheticShape.Full"/> (the default) writes every field HubSpot's
    /// 2026-03 schema requires, as the API does (about 1 KB a record); <see cref="SyntheticShape.Lean"/> about half of
    /// them. Both shapes draw the same errors from the same seed: only the bytes differ, never what is counted.
    /// </summary>
    public SyntheticShape Shape { get; set; } = SyntheticShape.Full;

    /// <summary>The import's id, written into the full shape's <c>invalidPropertyValue.sourceId</c> and <c>sourceMetadata</c>.</summary>
    public string ImportId { get; set; } = "184448894";

    /// <summary>A copy of these options.</summary>
    public SyntheticImportOptions Copy() => (SyntheticImportOptions)MemberwiseClone();
}
