using System.Text.Json.Serialization;

namespace ImportErrorAnalytics.Reporting;

/// <summary>The most frequent invalid values of one column.</summary>
public sealed class ColumnTopValues
{
    /// <summary>The zero-based column, or <see langword="null"/> when unknown.</summary>
    public int? Column { get; init; }

    /// <summary>The column's property name, or <see langword="null"/>.</summary>
    public string? Property { get; init; }

    /// <summary>True when every count is exact; false once the column exceeded the distinct-value capacity.</summary>
    public bool Exact { get; init; }

    /// <summary>Distinct values seen (exact columns), or <see langword="null"/> when the column is approximate.</summary>
    public long? DistinctValues { get; init; }

    /// <summary>A lower bound of the distinct values (equal to <see cref="DistinctValues"/> when exact).</summary>
    public long DistinctValuesAtLeast { get; init; }

    /// <summary>Records of this column that carried a value.</summary>
    public long ValuesCounted { get; init; }

    /// <summary>The values, most frequent first.</summary>
    public required IReadOnlyList<InvalidValueCount> Values { get; init; }

    /// <summary>
    /// True for the one row that counts the values of the columns (its <see cref="Column"/> and <see cref="Property"/> are null) past the run's limit of distinct keys
    /// (<see cref="Pipeline.AnalyzerOptions.MaxDistinctKeys"/>) together; written only when true.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Other { get; init; }
}

/// <summary>One invalid value and how often it occurred.</summary>
public sealed class InvalidValueCount
{
    /// <summary>The value (cut to the display length when <see cref="Truncated"/>), or <c>[REDACTED]</c>.</summary>
    public required string Value { get; init; }

    /// <summary>The reported count; the true count lies in [<c>Count - MaxError</c>, <c>Count</c>].</summary>
    public long Count { get; init; }

    /// <summary>The largest amount by which <see cref="Count"/> may exceed the true count (0 when exact).</summary>
    public long MaxError { get; init; }

    /// <summary>Whether <see cref="Value"/> was cut.</summary>
    public bool Truncated { get; init; }

    /// <summary>
    /// The full value's length in UTF-16 code units; <see langword="null"/> when <see cref="Value"/> stands in for the
    /// value (<see cref="Redacted"/> or <see cref="Masked"/>), whose length is not told.
    /// </summary>
    public int? Length { get; init; }

    /// <summary>True when the value stands for sensitive values that are never shown.</summary>
    public bool Redacted { get; init; }

    /// <summary>
    /// True when <see cref="Value"/> is the value's keyed hash (<c>--redact-values</c>, <see cref="ValueMaskKey"/>), not
    /// the value: equal values have equal masks under one key.
    /// </summary>
    public bool Masked { get; init; }
}
