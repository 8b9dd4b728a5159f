using System.Text.Json.Serialization;

namespace ImportErrorAnalytics.Reporting;

/// <summary>Errors of one <c>errorType</c>.</summary>
public sealed class ErrorTypeCount
{
    /// <summary>The error type, or <see langword="null"/> when the records had none.</summary>
    public string? ErrorType { get; init; }

    /// <summary>Number of errors.</summary>
    public long Count { get; init; }

    /// <summary>Whether the type is in HubSpot's documented list (a new type is still counted).</summary>
    public bool Known { get; init; }

    /// <summary>
    /// This project's guide to the type (id and one-line summary), or <see langword="null"/> for a type that has none
    /// (a type newer than HubSpot's list, the <see cref="Other"/> row, or no type). Derived from <see cref="ErrorType"/> when
    /// the report is assembled, so merged and combined reports carry the same guides.
    /// </summary>
    public ErrorTypeGuide? Guide { get; init; }

    /// <summary>
    /// True for the one row that counts the undocumented types (named <c>(other unknown)</c>) past the run's limit of distinct keys
    /// (<see cref="Pipeline.AnalyzerOptions.MaxDistinctKeys"/>) together; written only when true.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Other { get; init; }
}

/// <summary>Errors of one <c>objectType</c>.</summary>
public sealed class ObjectTypeCount
{
    /// <summary>The object type, or <see langword="null"/> when absent.</summary>
    public string? ObjectType { get; init; }

    /// <summary>Number of errors.</summary>
    public long Count { get; init; }

    /// <summary>
    /// True for the one row that counts the undocumented types (named <c>(other unknown)</c>) past the run's limit of distinct keys
    /// (<see cref="Pipeline.AnalyzerOptions.MaxDistinctKeys"/>) together; written only when true.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Other { get; init; }
}

/// <summary>Errors of one column.</summary>
public sealed class ColumnSummary
{
    /// <summary>The zero-based column (<c>knownColumnNumber</c>), or <see langword="null"/> when unknown.</summary>
    public int? Column { get; init; }

    /// <summary>The first <c>invalidPropertyValue.name</c> seen for the column (in input order), or <see langword="null"/>.</summary>
    public string? Property { get; init; }

    /// <summary>Number of errors.</summary>
    public long Count { get; init; }

    /// <summary>The column's errors per type.</summary>
    public required IReadOnlyList<ErrorTypeCount> ErrorTypes { get; init; }

    /// <summary>
    /// True for the one row that counts the errors of the columns (its <see cref="Column"/> and <see cref="Property"/> are null) past the run's limit of distinct keys
    /// (<see cref="Pipeline.AnalyzerOptions.MaxDistinctKeys"/>) together; written only when true.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Other { get; init; }
}
