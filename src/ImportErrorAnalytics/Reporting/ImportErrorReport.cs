using System.Text.Json.Serialization;

namespace ImportErrorAnalytics.Reporting;

/// <summary>
/// The result of a run: what failed, where, and how often. Serialized as the JSON report (schema version
/// <see cref="CurrentSchemaVersion"/>, documented in docs/json-report.md). Lists are sorted by count descending, then by key.
/// </summary>
public sealed class ImportErrorReport
{
    /// <summary>The schema version this library writes.</summary>
    /// <remarks>
    /// Version 2 added <see cref="PerImport"/>. Version 3 tells no length of a value it does not show
    /// (<see cref="InvalidValueCount.Length"/> is null for redacted and masked values) and adds
    /// <see cref="ReportSettings.MaskValues"/> and <see cref="ReportSettings.ShowStandardSensitivity"/>.
    /// </remarks>
    public const int CurrentSchemaVersion = 3;

    /// <summary>The report format's version.</summary>
    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    /// <summary>False when the run stopped early (the counts cover only the pages committed before the failure).</summary>
    public bool Complete { get; init; } = true;

    /// <summary>The HubSpot imports read (empty for file inputs).</summary>
    public IReadOnlyList<ReportSource> Sources { get; init; } = [];

    /// <summary>Overall counts.</summary>
    public required ReportTotals Totals { get; init; }

    /// <summary>The settings that shape the approximate and trimmed parts of the report.</summary>
    public required ReportSettings Settings { get; init; }

    /// <summary>Errors per <c>errorType</c>.</summary>
    public required IReadOnlyList<ErrorTypeCount> ErrorTypes { get; init; }

    /// <summary>Errors per column (<c>knownColumnNumber</c>), with their error types.</summary>
    public required IReadOnlyList<ColumnSummary> Columns { get; init; }

    /// <summary>Errors per <c>objectType</c>.</summary>
    public required IReadOnlyList<ObjectTypeCount> ObjectTypes { get; init; }

    /// <summary>The most frequent invalid values per column.</summary>
    public required IReadOnlyList<ColumnTopValues> TopInvalidValues { get; init; }

    /// <summary>Blocks of failing rows per file.</summary>
    public required IReadOnlyList<FileLineClusters> LineClusters { get; init; }

    /// <summary>
    /// The tables that counted keys past the limit of distinct keys (<see cref="ReportSettings.MaxDistinctKeys"/>) in one
    /// "other" row, with the errors that row holds; <see langword="null"/>, and left out of the JSON, when none did.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<OtherRowSummary>? OtherRows { get; init; }

    /// <summary>Malformed input skipped by a run that kept going.</summary>
    public required IReadOnlyList<SkippedInput> Skipped { get; init; }

    /// <summary>Results of custom aggregators, by aggregator name.</summary>
    public required IReadOnlyDictionary<string, CustomAggregatorResult> Custom { get; init; }

    /// <summary>
    /// In a combined report of several imports (<see cref="Pipeline.ImportSetReport.Combined"/>): the per-import rows of its
    /// tables. <see langword="null"/>, and left out of the JSON, in every other report.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public PerImportTables? PerImport { get; init; }
}
