using System.Globalization;
using ImportErrorAnalytics.Reporting;

namespace ImportErrorAnalytics.Soak;

/// <summary>Compares the report and the measurements with the targets and with the exact figures the soak counted.</summary>
internal static class SoakChecks
{
    public const double ThroughputTolerance = 0.10;
    public const long WorkingSetBudget = 300_000_000;

    public static List<SoakCheck> Run(ImportErrorReport report, SoakTruth truth, IReadOnlyList<Tenth> tenths, long peakWorkingSet, int top)
    {
        var first = tenths[0].ErrorsPerSecond;
        var last = tenths[^1].ErrorsPerSecond;
        var ratio = last / first;
        var cpuRatio = tenths[^1].ErrorsPerCpuSecond / tenths[0].ErrorsPerCpuSecond;
        var checks = new List<SoakCheck>
        {
            new("throughput: last tenth within 10% of the first", Math.Abs(ratio - 1) <= ThroughputTolerance,
                F($"first {first:N0} errors/s, last {last:N0} errors/s, last/first {ratio:F3}")),
            new("CPU-time throughput (errors per CPU second): last tenth within 10% of the first", Math.Abs(cpuRatio - 1) <= ThroughputTolerance,
                F($"first {tenths[0].ErrorsPerCpuSecond:N0}, last {tenths[^1].ErrorsPerCpuSecond:N0}, last/first {cpuRatio:F3}")),
            new("peak working set under 300 MB", peakWorkingSet < WorkingSetBudget, F($"{peakWorkingSet / 1e6:F1} MB")),
            Equal("totals.errors", truth.Errors, report.Totals.Errors),
            Equal("totals.pages", truth.Pages, report.Totals.Pages),
            Equal("totals.redactedValues", truth.RedactedValues, report.Totals.RedactedValues),
            Equal("totals.unknownErrorTypeErrors", report.ErrorTypes.Where(t => !t.Known).Sum(t => truth.ErrorTypes.GetValueOrDefault(t.ErrorType ?? "")), report.Totals.UnknownErrorTypeErrors),
            SameCounts("errorTypes", truth.ErrorTypes, report.ErrorTypes.ToDictionary(t => t.ErrorType ?? "", t => t.Count)),
            SameCounts("objectTypes", truth.ObjectTypes, report.ObjectTypes.ToDictionary(t => t.ObjectType ?? "", t => t.Count)),
            SameCounts("columns (errors)", Keyed(truth.Columns), report.Columns.ToDictionary(c => Key(c.Column), c => c.Count)),
            SameCounts("columns (values counted)", Keyed(truth.ValuesCounted), report.TopInvalidValues.ToDictionary(c => Key(c.Column), c => c.ValuesCounted)),
            Properties(report, truth),
            Files(report, truth),
        };

        foreach (var column in report.TopInvalidValues)
        {
            if (column.Column is { } number && truth.Tracked.TryGetValue(number, out var tracked))
            {
                checks.Add(column.Exact ? ExactValues(column, tracked, top) : BoundedValues(column, tracked));
            }
        }

        return checks;
    }

    private static SoakCheck Equal(string name, long expected, long actual) =>
        new(name + " exact", expected == actual, F($"expected {expected:N0}, reported {actual:N0}"));

    private static SoakCheck SameCounts(string name, IReadOnlyDictionary<string, long> expected, IReadOnlyDictionary<string, long> actual)
    {
        var wrong = expected.Keys.Union(actual.Keys)
            .Where(key => expected.GetValueOrDefault(key) != actual.GetValueOrDefault(key))
            .Select(key => F($"{key}: expected {expected.GetValueOrDefault(key):N0}, reported {actual.GetValueOrDefault(key):N0}"))
            .ToList();
        return new(name + " exact", wrong.Count == 0, wrong.Count == 0 ? F($"{expected.Count} keys, {expected.Values.Sum():N0} in all") : string.Join("; ", wrong.Take(5)));
    }

    private static SoakCheck Properties(ImportErrorReport report, SoakTruth truth)
    {
        var wrong = report.Columns
            .Where(c => c.Property != truth.Properties.GetValueOrDefault(c.Column ?? SoakTruth.NoColumn))
            .Select(c => F($"column {Key(c.Column)}: expected {truth.Properties.GetValueOrDefault(c.Column ?? SoakTruth.NoColumn)}, reported {c.Property}"))
            .ToList();
        return new("columns (first property name) exact", wrong.Count == 0, wrong.Count == 0 ? F($"{report.Columns.Count} columns") : string.Join("; ", wrong));
    }

    private static SoakCheck Files(ImportErrorReport report, SoakTruth truth)
    {
        var wrong = new List<string>();
        if (report.LineClusters.Count != truth.Files.Count)
        {
            wrong.Add(F($"expected {truth.Files.Count} files, reported {report.LineClusters.Count}"));
        }

        foreach (var file in report.LineClusters)
        {
            if (!truth.Files.TryGetValue(file.FileId ?? 0, out var expected))
            {
                wrong.Add(F($"file {file.FileId}: not generated"));
                continue;
            }

            var got = (file.Errors, file.FileWideErrors, file.ErrorsWithoutLine, file.Lines, file.ClusterCount);
            var want = (expected.Errors, expected.FileWideErrors, expected.ErrorsWithoutLine, expected.Lines, expected.Clusters);
            if (got != want)
            {
                wrong.Add(F($"file {file.FileId}: (errors, file-wide, without line, lines, clusters) expected {want}, reported {got}"));
            }
        }

        return new("lineClusters (errors, lines, clusters per file) exact", wrong.Count == 0,
            wrong.Count == 0 ? F($"{truth.Files.Count} files, {truth.Files.Values.Sum(f => f.Lines):N0} failing lines, {truth.Files.Values.Sum(f => f.Clusters):N0} clusters") : string.Join("; ", wrong.Take(5)));
    }

    /// <summary>An exact column: every listed count is the true count, the distinct count is right, and no unlisted value outranks a listed one.</summary>
    private static SoakCheck ExactValues(ColumnTopValues column, TrackedColumn tracked, int top)
    {
        var wrong = new List<string>();
        foreach (var value in column.Values)
        {
            var expected = tracked.CountOf(value.Value, value.Redacted);
            if (value.Count != expected || value.MaxError != 0)
            {
                wrong.Add(F($"'{Short(value.Value)}': true {expected:N0}, reported {value.Count:N0} (maxError {value.MaxError})"));
            }
        }

        if (column.DistinctValues != tracked.Counts.Count)
        {
            wrong.Add(F($"distinct values: true {tracked.Counts.Count:N0}, reported {column.DistinctValues}"));
        }

        var ranked = tracked.Ranked();
        if (column.Values.Count != Math.Min(top, ranked.Count))
        {
            wrong.Add(F($"{column.Values.Count} values listed, expected {Math.Min(top, ranked.Count)}"));
        }
        else if (ranked.Count > top && column.Values.Count > 0 && ranked[top].Value > column.Values[^1].Count)
        {
            wrong.Add(F($"an unlisted value occurs {ranked[top].Value:N0} times, more than the last listed ({column.Values[^1].Count:N0})"));
        }

        return new(F($"topInvalidValues column {column.Column} (exact) equals the exact counts"), wrong.Count == 0,
            wrong.Count == 0 ? F($"{column.Values.Count} values checked, {tracked.Counts.Count:N0} distinct") : string.Join("; ", wrong.Take(5)));
    }

    /// <summary>An approximate column: every listed value's true count lies in [count - maxError, count].</summary>
    private static SoakCheck BoundedValues(ColumnTopValues column, TrackedColumn tracked)
    {
        var wrong = new List<string>();
        long widest = 0;
        foreach (var value in column.Values)
        {
            var expected = tracked.CountOf(value.Value, value.Redacted);
            widest = Math.Max(widest, value.MaxError);
            if (expected > value.Count || expected < value.Count - value.MaxError)
            {
                wrong.Add(F($"'{Short(value.Value)}': true {expected:N0} outside [{value.Count - value.MaxError:N0}, {value.Count:N0}]"));
            }
        }

        if (column.DistinctValuesAtLeast > tracked.Counts.Count)
        {
            wrong.Add(F($"distinctValuesAtLeast {column.DistinctValuesAtLeast:N0} exceeds the true {tracked.Counts.Count:N0}"));
        }

        return new(F($"topInvalidValues column {column.Column} (approximate) within its error bounds"), wrong.Count == 0,
            wrong.Count == 0 ? F($"{column.Values.Count} values checked, largest maxError {widest:N0}, {tracked.Counts.Count:N0} distinct") : string.Join("; ", wrong.Take(5)));
    }

    private static Dictionary<string, long> Keyed(Dictionary<int, long> counts) =>
        counts.ToDictionary(pair => Key(pair.Key == SoakTruth.NoColumn ? null : pair.Key), pair => pair.Value);

    private static string Key(int? column) => column?.ToString(CultureInfo.InvariantCulture) ?? "(none)";

    private static string Short(string value) => value.Length > 40 ? value[..40] + "…" : value;

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
