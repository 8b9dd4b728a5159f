namespace ImportErrorAnalytics.Peers.Answers;

/// <summary>
/// The report's aggregates as plain data, whoever computed them (iea, DuckDB), so two computations can be compared
/// field by field: totals, counts by error type, object type and column (with the column's first property name and
/// its error types), the top values per column (sensitive values under one redacted key) and the failing lines per
/// file with their clusters. Keys are <see langword="null"/> where the records had none.
/// </summary>
public sealed record PeerAnswers
{
    public required long Errors { get; init; }

    public required long RedactedValues { get; init; }

    public required IReadOnlyList<KeyCount> ErrorTypes { get; init; }

    public required IReadOnlyList<KeyCount> ObjectTypes { get; init; }

    public required IReadOnlyList<ColumnAnswer> Columns { get; init; }

    public required IReadOnlyList<ColumnValuesAnswer> TopValues { get; init; }

    public required IReadOnlyList<FileAnswer> Files { get; init; }
}

/// <summary>One key of a table and its errors.</summary>
public sealed record KeyCount(string? Key, long Count);

/// <summary>One column (<c>knownColumnNumber</c>), its first property name in input order, its errors and their types.</summary>
public sealed record ColumnAnswer(int? Column, string? Property, long Count, IReadOnlyList<KeyCount> ErrorTypes);

/// <summary>
/// One column's values: how many were counted, how many distinct (<see langword="null"/> when iea's count is
/// approximate), and the top ones, largest first.
/// </summary>
public sealed record ColumnValuesAnswer(int? Column, bool Exact, long ValuesCounted, long? DistinctValues, IReadOnlyList<ValueAnswer> Values);

/// <summary>
/// One value and its count: <paramref name="Value"/> is the value as iea shows it (cut to the display length, see
/// <see cref="ValueDisplay"/>) and <paramref name="Length"/> its whole length in UTF-16 code units; both
/// <see langword="null"/> for the redacted key. <paramref name="MaxError"/> bounds an approximate count from above
/// (0 when exact).
/// </summary>
public sealed record ValueAnswer(string? Value, int? Length, long Count, long MaxError);

/// <summary>One file's failing lines: its errors, file-wide errors (line 0), errors without a line, distinct lines and clusters.</summary>
public sealed record FileAnswer(long? FileId, long Errors, long FileWideErrors, long ErrorsWithoutLine, long Lines, int ClusterCount, IReadOnlyList<ClusterAnswer> Clusters);

/// <summary>One block of failing lines.</summary>
public sealed record ClusterAnswer(int FirstLine, int LastLine, int Lines, long Errors);
