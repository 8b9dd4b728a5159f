namespace ImportErrorAnalytics.Comparison;

/// <summary>An invalid value that appeared in, or disappeared from, a column's most frequent values.</summary>
public sealed class ValueChange
{
    /// <summary>The zero-based column, or <see langword="null"/> when unknown.</summary>
    public int? Column { get; init; }

    /// <summary>The column's property name, or <see langword="null"/>.</summary>
    public string? Property { get; init; }

    /// <summary>True for the "other" row of the columns past the limit of distinct keys.</summary>
    public bool Other { get; init; }

    /// <summary>The value as the reports show it (possibly cut, or <c>[REDACTED]</c>).</summary>
    public required string Value { get; init; }

    /// <summary><see cref="ChangeKind.New"/> (appeared) or <see cref="ChangeKind.Gone"/> (disappeared).</summary>
    public ChangeKind Kind { get; init; }

    /// <summary>The value's count in the report that lists it.</summary>
    public long Count { get; init; }

    /// <summary>
    /// True when the other report's list of the column held every distinct value of the column (or the column had no
    /// values there), so the value is truly absent from it; false when it may only have fallen below the list's cut.
    /// </summary>
    public bool Certain { get; init; }
}
