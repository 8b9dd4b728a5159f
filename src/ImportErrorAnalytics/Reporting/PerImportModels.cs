using System.Text.Json.Serialization;

namespace ImportErrorAnalytics.Reporting;

/// <summary>
/// The per-import rows of a combined report's tables: for each row of the combined table, one row per import that
/// has it, in the combined table's order and then the imports' order. The per-import reports hold everything else
/// (top values, line clusters).
/// </summary>
public sealed class PerImportTables
{
    /// <summary>Each import's totals, in the imports' order.</summary>
    public required IReadOnlyList<ImportTotalsRow> Totals { get; init; }

    /// <summary>Errors per error type and import.</summary>
    public required IReadOnlyList<ImportErrorTypeRow> ErrorTypes { get; init; }

    /// <summary>Errors per column and import.</summary>
    public required IReadOnlyList<ImportColumnRow> Columns { get; init; }

    /// <summary>Errors per object type and import.</summary>
    public required IReadOnlyList<ImportObjectTypeRow> ObjectTypes { get; init; }
}

/// <summary>One import's totals in a combined report.</summary>
public sealed class ImportTotalsRow
{
    /// <summary>The import's id.</summary>
    public required string ImportId { get; init; }

    /// <summary>Error records counted.</summary>
    public long Errors { get; init; }

    /// <summary>Response pages counted.</summary>
    public long Pages { get; init; }

    /// <summary>Bytes of committed input.</summary>
    public long Bytes { get; init; }

    /// <summary>Records whose value HubSpot marks sensitive.</summary>
    public long RedactedValues { get; init; }

    /// <summary>Records of error types not in HubSpot's 2026-03 list.</summary>
    public long UnknownErrorTypeErrors { get; init; }
}

/// <summary>One import's errors of one type in a combined report.</summary>
public sealed class ImportErrorTypeRow
{
    /// <summary>The import's id.</summary>
    public required string ImportId { get; init; }

    /// <summary>The error type, or <see langword="null"/> when the records had none.</summary>
    public string? ErrorType { get; init; }

    /// <summary>Number of errors.</summary>
    public long Count { get; init; }

    /// <summary>Whether the type is in HubSpot's documented list.</summary>
    public bool Known { get; init; }

    /// <summary>True for the import's row of keys past the limit of distinct keys (see <see cref="ErrorTypeCount.Other"/>); written only when true.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Other { get; init; }
}

/// <summary>One import's errors of one column in a combined report.</summary>
public sealed class ImportColumnRow
{
    /// <summary>The import's id.</summary>
    public required string ImportId { get; init; }

    /// <summary>The zero-based column, or <see langword="null"/> when unknown.</summary>
    public int? Column { get; init; }

    /// <summary>The column's property name in this import, or <see langword="null"/>.</summary>
    public string? Property { get; init; }

    /// <summary>Number of errors.</summary>
    public long Count { get; init; }

    /// <summary>True for the import's row of keys past the limit of distinct keys (see <see cref="ErrorTypeCount.Other"/>); written only when true.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Other { get; init; }
}

/// <summary>One import's errors of one object type in a combined report.</summary>
public sealed class ImportObjectTypeRow
{
    /// <summary>The import's id.</summary>
    public required string ImportId { get; init; }

    /// <summary>The object type, or <see langword="null"/> when absent.</summary>
    public string? ObjectType { get; init; }

    /// <summary>Number of errors.</summary>
    public long Count { get; init; }

    /// <summary>True for the import's row of keys past the limit of distinct keys (see <see cref="ErrorTypeCount.Other"/>); written only when true.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Other { get; init; }
}
