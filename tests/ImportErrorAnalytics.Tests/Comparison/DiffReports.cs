using FsCheck;
using FsCheck.Fluent;
using ImportErrorAnalytics.Reporting;

namespace ImportErrorAnalytics.Tests.Comparison;

/// <summary>Random reports for the diff's laws: small key pools so two reports share some rows and not others.</summary>
internal static class DiffReports
{
    private static readonly string?[] Types = ["INVALID_EMAIL", "COULD_NOT_PARSE_DATE", "NEW_TYPE_X", null, "|`<b>"];
    private static readonly string?[] Objects = ["CONTACT", "COMPANY", "DEAL", null];
    private static readonly string[] Values = ["a@b", "x", "[REDACTED]", "`|`", "2024-13-01"];

    private static readonly ReportSettings[] Settings =
    [
        new() { Top = 10, DistinctCapacity = 100, ClusterGap = 0, MaxDistinctKeys = 1000, ValueDisplayLength = 80 },
        new() { Top = 5, DistinctCapacity = 100, ClusterGap = 2, MaxDistinctKeys = 1000, ValueDisplayLength = 80 },
        new() { Top = 10, DistinctCapacity = 40, ClusterGap = 0, MaxDistinctKeys = 3, ValueDisplayLength = 80 },
        new() { Top = 10, DistinctCapacity = 100, ClusterGap = 0, MaxDistinctKeys = 1000, ValueDisplayLength = 80, MaskValues = true },
        new() { Top = 10, DistinctCapacity = 100, ClusterGap = 0, MaxDistinctKeys = 1000, ValueDisplayLength = 80, MaskValues = true, MaskKeyId = "key:0123456789abcdef" },
        new() { Top = 10, DistinctCapacity = 100, ClusterGap = 0, MaxDistinctKeys = 1000, ValueDisplayLength = 80, MaskValues = true, MaskKeyId = "key:fedcba9876543210" },
        new() { Top = 10, DistinctCapacity = 100, ClusterGap = 0, MaxDistinctKeys = 1000, ValueDisplayLength = 80, ShowStandardSensitivity = true },
    ];

    private static readonly Gen<long?> TotalRows = Gen.Elements<long?>(null, 500, 1000, 0);

    /// <summary>Rows of a table: each pool key absent or counted 1..9, and sometimes an "other" row.</summary>
    private static Gen<List<(T Key, bool Other, long Count)>> Rows<T>(T[] pool) =>
        from counts in Gen.Choose(0, 9).ArrayOf(pool.Length)
        from other in Gen.Choose(0, 9)
        select pool.Select((key, i) => (key, false, (long)counts[i])).Where(row => row.Item3 > 0)
            .Concat(other > 6 ? [(default(T)!, true, (long)other)] : Array.Empty<(T, bool, long)>())
            .ToList();

    private static Gen<ColumnTopValues> TopValues(int column) =>
        from counts in Gen.Choose(0, 5).ArrayOf(Values.Length)
        from exact in Gen.Elements(true, false)
        from extra in Gen.Choose(0, 1)
        let values = Values.Select((value, i) => new InvalidValueCount { Value = value, Count = counts[i], Redacted = value == "[REDACTED]" }).Where(v => v.Count > 0).ToList()
        select new ColumnTopValues
        {
            Column = column,
            Property = "p" + column,
            Exact = exact,
            DistinctValues = exact ? values.Count + extra : null,
            DistinctValuesAtLeast = values.Count,
            ValuesCounted = values.Sum(v => v.Count),
            Values = values,
        };

    public static readonly Gen<ImportErrorReport> Report =
        from settings in Gen.Elements(Settings)
        from types in Rows(Types)
        from objects in Rows(Objects)
        from columns in Rows<int?>([0, 1, 2, null])
        from files in Rows<long?>([11L, 22L, null])
        from top0 in TopValues(0)
        from top1 in TopValues(1)
        from topColumns in Gen.Choose(0, 2)
        from rows in TotalRows
        from hasSource in Gen.Elements(true, false)
        from complete in Gen.Elements(true, true, false)
        select new ImportErrorReport
        {
            Complete = complete,
            Sources = hasSource ? [new ReportSource { ImportId = "1", Counters = new Dictionary<string, long>(), TotalRows = rows, Warnings = [] }] : [],
            Totals = new ReportTotals { Errors = types.Sum(t => t.Count) },
            Settings = settings,
            ErrorTypes = [.. types.Select(t => new ErrorTypeCount { ErrorType = t.Other ? null : t.Key, Count = t.Count, Other = t.Other })],
            Columns = [.. columns.Select(c => new ColumnSummary { Column = c.Other ? null : c.Key, Property = c.Key is { } k ? "p" + k : null, Count = c.Count, Other = c.Other, ErrorTypes = [] })],
            ObjectTypes = [.. objects.Select(o => new ObjectTypeCount { ObjectType = o.Other ? null : o.Key, Count = o.Count, Other = o.Other })],
            TopInvalidValues = [.. new[] { top0, top1 }.Take(topColumns)],
            LineClusters = [.. files.Select(f => new FileLineClusters { FileId = f.Other ? null : f.Key, Errors = f.Count, Other = f.Other, Clusters = [] })],
            Skipped = [],
            Custom = new Dictionary<string, CustomAggregatorResult>(),
        };

    public static Arbitrary<ImportErrorReport> Arbitrary => Arb.From(Report);
}
