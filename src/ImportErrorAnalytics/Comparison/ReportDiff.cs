using System.Globalization;
using ImportErrorAnalytics.Reporting;

namespace ImportErrorAnalytics.Comparison;

/// <summary>
/// What changed between two reports of the same data (before and after a fix): the errors and error rate, the error types,
/// columns, object types and files whose counts changed, and the values that appeared in or disappeared from the top
/// values. Parts that the reports' settings make incomparable are listed in <see cref="NotCompared"/> instead of compared.
/// Serialized as the JSON diff (schema version <see cref="CurrentSchemaVersion"/>, documented in docs/diff.md).
/// </summary>
public sealed partial class ReportDiff
{
    /// <summary>The diff format's version.</summary>
    public const int CurrentSchemaVersion = 1;

    private ReportDiff()
    {
    }

    /// <summary>The diff format's version.</summary>
    public int SchemaVersion { get; private init; } = CurrentSchemaVersion;

    /// <summary>False when nothing compared changed (a report compared with itself).</summary>
    public bool HasChanges => ErrorsBefore != ErrorsAfter || ErrorRateBefore != ErrorRateAfter
        || ErrorTypes.Count > 0 || Columns.Count > 0 || ObjectTypes.Count > 0 || Files.Count > 0 || TopValues.Count > 0;

    /// <summary>Errors in the report before.</summary>
    public long ErrorsBefore { get; private init; }

    /// <summary>Errors in the report after.</summary>
    public long ErrorsAfter { get; private init; }

    /// <summary><see cref="ErrorsAfter"/> minus <see cref="ErrorsBefore"/>.</summary>
    public long ErrorsChange => ErrorsAfter - ErrorsBefore;

    /// <summary>
    /// Errors per row before (errors / the sum of the imports' TOTAL_ROWS); <see langword="null"/> unless both reports
    /// know every import's row total.
    /// </summary>
    public double? ErrorRateBefore { get; private init; }

    /// <summary>Errors per row after; <see langword="null"/> unless both reports know every import's row total.</summary>
    public double? ErrorRateAfter { get; private init; }

    /// <summary>The error types whose count changed, largest change first.</summary>
    public IReadOnlyList<CountChange> ErrorTypes { get; private init; } = [];

    /// <summary>The columns whose count changed (<see cref="CountChange.Key"/> is the column number), largest change first.</summary>
    public IReadOnlyList<CountChange> Columns { get; private init; } = [];

    /// <summary>The object types whose count changed, largest change first.</summary>
    public IReadOnlyList<CountChange> ObjectTypes { get; private init; } = [];

    /// <summary>The files (<c>sourceData.fileId</c>) whose error total changed, largest change first.</summary>
    public IReadOnlyList<CountChange> Files { get; private init; } = [];

    /// <summary>The values that appeared in or disappeared from a column's top values (empty when not compared), by column, then value.</summary>
    public IReadOnlyList<ValueChange> TopValues { get; private init; } = [];

    /// <summary>
    /// The key that made the masks in <see cref="TopValues"/> (<see cref="ValueMaskKey.Id"/>): the reports' own when they
    /// masked their values, else the diff's; <see langword="null"/> when the values are shown as the reports show them.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? MaskKeyId { get; private init; }

    /// <summary>The parts the diff does not compare, and why.</summary>
    public IReadOnlyList<DiffNote> NotCompared { get; private init; } = [];

    /// <summary>Compares two reports.</summary>
    /// <param name="before">The report before the fix (from a JSON report file or <c>ReportSnapshot.CreateReport</c>).</param>
    /// <param name="after">The report after the fix.</param>
    /// <param name="maskKey">
    /// When given, values the reports show in the clear are shown (and compared) as their masks under this key, so the
    /// diff leaves the data boundary like a report made with <c>--redact-values</c>; a report whose values are already
    /// masked compares with the other only when the same key made its masks (<see cref="ReportSettings.MaskKeyId"/>).
    /// </param>
    /// <returns>The diff; swapping the reports negates every change.</returns>
    public static ReportDiff Compare(ImportErrorReport before, ImportErrorReport after, ValueMaskKey? maskKey = null)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var rateBefore = ErrorRate(before);
        var rateAfter = ErrorRate(after);
        var bothRates = rateBefore is not null && rateAfter is not null;
        var topValuesProblem = DiffNotes.TopValuesProblem(before, after, maskKey);
        return new ReportDiff
        {
            ErrorsBefore = before.Totals.Errors,
            ErrorsAfter = after.Totals.Errors,
            ErrorRateBefore = bothRates ? rateBefore : null,
            ErrorRateAfter = bothRates ? rateAfter : null,
            ErrorTypes = CountTables.Compare(ErrorTypeRows(before), ErrorTypeRows(after)),
            Columns = CountTables.Compare(ColumnRows(before), ColumnRows(after)),
            ObjectTypes = CountTables.Compare(ObjectTypeRows(before), ObjectTypeRows(after)),
            Files = CountTables.Compare(FileRows(before), FileRows(after)),
            TopValues = topValuesProblem is null
                ? TopValueChanges.Compare(DiffMasking.Values(before, maskKey), DiffMasking.Values(after, maskKey))
                : [],
            MaskKeyId = topValuesProblem is null ? DiffMasking.KeyIdOf(before, maskKey) : null,
            NotCompared = DiffNotes.For(before, after, topValuesProblem, rateBefore, rateAfter),
        };
    }

    /// <summary>The diff as indented JSON (docs/diff.md).</summary>
    public string ToJson() => System.Text.Json.JsonSerializer.Serialize(this, ReportDiffJsonContext.Default.ReportDiff);

    /// <summary>The diff as Markdown: a summary, tables with arrows and a Mermaid chart; every name from the data is escaped.</summary>
    public string ToMarkdown() => DiffMarkdownWriter.Write(this);

    /// <summary>
    /// The diff as one self-contained HTML page (docs/html-report.md): a summary, a chart of the error types before and
    /// after, tables that sort and filter with script and read without it; every name and value from the data is text,
    /// encoded, under a Content-Security-Policy that allows only the page's own style and script.
    /// </summary>
    public string ToHtml() => DiffHtmlWriter.Write(this);

    /// <summary>Errors per row of a report: its errors over the sum of its imports' row totals, when every import has one.</summary>
    internal static double? ErrorRate(ImportErrorReport report)
    {
        if (report.Sources.Count == 0 || report.Sources.Any(source => source.TotalRows is null))
        {
            return null;
        }

        var rows = report.Sources.Sum(source => source.TotalRows!.Value);
        return rows > 0 ? (double)report.Totals.Errors / rows : null;
    }

    private static IEnumerable<CountRow> ErrorTypeRows(ImportErrorReport report) =>
        report.ErrorTypes.Select(row => new CountRow(row.ErrorType, null, row.Other, row.Count));

    private static IEnumerable<CountRow> ObjectTypeRows(ImportErrorReport report) =>
        report.ObjectTypes.Select(row => new CountRow(row.ObjectType, null, row.Other, row.Count));

    private static IEnumerable<CountRow> ColumnRows(ImportErrorReport report) =>
        report.Columns.Select(row => new CountRow(row.Column?.ToString(CultureInfo.InvariantCulture), row.Property, row.Other, row.Count));

    private static IEnumerable<CountRow> FileRows(ImportErrorReport report) =>
        report.LineClusters.Select(row => new CountRow(row.FileId?.ToString(CultureInfo.InvariantCulture), null, row.Other, row.Errors));
}
