using System.Globalization;
using ImportErrorAnalytics.Reporting;

namespace ImportErrorAnalytics.Comparison;

/// <summary>
/// What two reports' settings keep the diff from comparing. Every rule is symmetric: the notes of (A, B) are about the
/// same parts as those of (B, A); only the sides they name swap.
/// </summary>
internal static class DiffNotes
{
    public const string TopValues = "topValues";
    public const string LineClusters = "lineClusters";
    public const string OtherRows = "otherRows";
    public const string ErrorRate = "errorRate";
    public const string Custom = "custom";
    public const string Complete = "complete";

    /// <summary>Why the top values cannot be compared; <see langword="null"/> when they can.</summary>
    public static string? TopValuesProblem(ImportErrorReport before, ImportErrorReport after, ValueMaskKey? key)
    {
        if (DiffMasking.Problem(before, after, key) is { } masking)
        {
            return masking;
        }

        var (beforeSettings, afterSettings) = (before.Settings, after.Settings);
        if (beforeSettings.ShowStandardSensitivity != afterSettings.ShowStandardSensitivity)
        {
            return "one report shows values of standard sensitivity and the other redacts them.";
        }

        return beforeSettings.DistinctCapacity != afterSettings.DistinctCapacity
            ? Invariant($"the reports counted values exactly up to different capacities (before {beforeSettings.DistinctCapacity}, after {afterSettings.DistinctCapacity} distinct values per column), so one list may be exact where the other is approximate.")
            : beforeSettings.Top != afterSettings.Top
            ? Invariant($"the reports list different numbers of values per column (before {beforeSettings.Top}, after {afterSettings.Top}).")
            : beforeSettings.ValueDisplayLength != afterSettings.ValueDisplayLength
            ? Invariant($"the reports cut values at different lengths (before {beforeSettings.ValueDisplayLength}, after {afterSettings.ValueDisplayLength} characters).")
            : null;
    }

    public static IReadOnlyList<DiffNote> For(ImportErrorReport before, ImportErrorReport after, string? topValuesProblem, double? rateBefore, double? rateAfter)
    {
        var notes = new List<DiffNote>();
        if (!before.Complete || !after.Complete)
        {
            notes.Add(Note(Complete, "a report covers only the pages read before its run stopped: its counts may be short."));
        }

        if (topValuesProblem is not null)
        {
            notes.Add(Note(TopValues, "top values are not compared: " + topValuesProblem));
        }

        if (before.Settings.ClusterGap != after.Settings.ClusterGap)
        {
            notes.Add(Note(LineClusters, Invariant($"line clusters are not compared: the reports join failing lines across different gaps (before {before.Settings.ClusterGap}, after {after.Settings.ClusterGap} lines); the per-file totals are compared.")));
        }

        if (before.Settings.MaxDistinctKeys != after.Settings.MaxDistinctKeys && (HasOtherRows(before) || HasOtherRows(after)))
        {
            notes.Add(Note(OtherRows, Invariant($"the reports keep different numbers of distinct keys apart (before {before.Settings.MaxDistinctKeys}, after {after.Settings.MaxDistinctKeys}): a key named in one may be inside the other's \"other\" row, so the \"other\" rows do not compare and no key beside them is called new or gone.")));
        }

        if (rateBefore is null || rateAfter is null)
        {
            var which = rateBefore is null && rateAfter is null ? "neither report knows" : rateBefore is null ? "the report before does not know" : "the report after does not know";
            notes.Add(Note(ErrorRate, $"the error rate is not compared: {which} the row totals of its imports (TOTAL_ROWS)."));
        }

        if (before.Custom.Count > 0 || after.Custom.Count > 0)
        {
            notes.Add(Note(Custom, "the results of custom aggregators are not compared."));
        }

        return notes;
    }

    private static bool HasOtherRows(ImportErrorReport report) =>
        report.ErrorTypes.Any(row => row.Other) || report.ObjectTypes.Any(row => row.Other) || report.Columns.Any(row => row.Other)
        || report.LineClusters.Any(row => row.Other) || report.TopInvalidValues.Any(row => row.Other);

    private static DiffNote Note(string part, string reason) => new() { Part = part, Reason = reason };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
