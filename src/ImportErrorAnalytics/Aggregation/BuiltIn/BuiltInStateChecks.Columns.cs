namespace ImportErrorAnalytics.Aggregation.BuiltIn;

/// <summary>The per-column counts against the totals and the error types.</summary>
internal static partial class BuiltInStateChecks
{
    private static void CheckColumns(ColumnsState columns, long errors, int maxUnknownTypes, Dictionary<NameKey, long> byType)
    {
        long sum = 0;
        var typesInColumns = new Dictionary<NameKey, long>();
        foreach (var (key, stats) in columns.Columns)
        {
            var column = ColumnName(key);
            if (key != ColumnKey.None && key is < int.MinValue or > int.MaxValue)
            {
                throw Fail($"'columns' names column {column}, which no record can have.");
            }

            sum = checked(sum + CheckColumn(stats, $"column {column}", typesInColumns));
            if ((stats.Property.Name is null) != (stats.Property.Position == Model.RecordPosition.Max))
            {
                throw Fail($"'columns' gives column {column} a property name without a position, or a position without a name.");
            }
        }

        if (columns.Other is { } other)
        {
            if (!columns.IsFull)
            {
                throw Fail($"'columns' has an other row but keeps only {KeptApart(columns.Columns, ColumnKey.None)} columns apart, fewer than its limit of {columns.MaxKeys}.");
            }

            sum = checked(sum + CheckColumn(other, "its other row", typesInColumns));
        }

        if (sum != errors)
        {
            throw Fail($"the counts of 'columns' add up to {sum} errors, not the {errors} the totals count.");
        }

        CheckTypesInColumns(byType, typesInColumns, maxUnknownTypes);
    }

    /// <summary>Checks one column's (or the other row's) count against its error types, adds those up; returns the count.</summary>
    private static long CheckColumn(ColumnStats stats, string what, Dictionary<NameKey, long> typesInColumns)
    {
        if (stats.Count < 1)
        {
            throw Fail($"'columns' gives {what} a count of {stats.Count}.");
        }

        long ofTypes = 0;
        foreach (var type in ErrorTypeCountsAggregator.ToErrorTypeCounts(stats.ErrorTypes))
        {
            var name = NameKey.Of(type);
            if (type.Count < 1)
            {
                throw Fail($"'columns' gives the error type {Show(name)} of {what} a count of {type.Count}.");
            }

            ofTypes = checked(ofTypes + type.Count);
            typesInColumns[name] = checked(typesInColumns.GetValueOrDefault(name) + type.Count);
        }

        if (ofTypes != stats.Count)
        {
            throw Fail($"'columns' counts {stats.Count} errors in {what} and {ofTypes} by error type.");
        }

        return stats.Count;
    }

    /// <summary>
    /// Every error type counts in the columns what it counts in 'errorTypes'. A merge of several runs' states keeps apart
    /// the undocumented names that come first in UTF-8 order and counts the others in the other row, each table by the
    /// names it holds; so a column may keep a name apart that 'errorTypes' counts in its other row, but only one that
    /// comes after every undocumented name 'errorTypes' keeps, when it keeps as many as its limit.
    /// </summary>
    private static void CheckTypesInColumns(Dictionary<NameKey, long> byType, Dictionary<NameKey, long> typesInColumns, int maxUnknown)
    {
        var keptUnknown = 0;
        NameKey? lastKept = null;
        foreach (var type in byType.Keys)
        {
            if (type.IsUnknownName)
            {
                keptUnknown++;
                if (lastKept is not { } last || type.Utf8.AsSpan().SequenceCompareTo(last.Utf8) > 0)
                {
                    lastKept = type;
                }
            }
        }

        var bucket = new NameKey(Model.NameTable.OtherName, Other: true, Known: false);
        long inOtherRow = 0;
        foreach (var (type, count) in typesInColumns)
        {
            if (byType.ContainsKey(type))
            {
                continue;
            }

            if (!type.IsUnknownName || !byType.ContainsKey(bucket))
            {
                throw Fail($"'columns' counts errors of type {Show(type)}, which 'errorTypes' does not.");
            }

            if (keptUnknown < maxUnknown)
            {
                throw Fail($"'columns' keeps the error type {Show(type)} apart, which 'errorTypes' counts in its other row though it keeps only {keptUnknown} of its {maxUnknown} undocumented names apart.");
            }

            if (lastKept is { } last && type.Utf8.AsSpan().SequenceCompareTo(last.Utf8) < 0)
            {
                throw Fail($"'columns' keeps the error type {Show(type)} apart, which 'errorTypes' counts in its other row though it keeps the later name {Show(last)} apart.");
            }

            inOtherRow = checked(inOtherRow + count);
        }

        foreach (var (type, count) in byType)
        {
            var inColumns = checked(typesInColumns.GetValueOrDefault(type) + (type.Other ? inOtherRow : 0));
            if (inColumns != count)
            {
                throw Fail($"'errorTypes' counts {count} errors of type {Show(type)}, the columns {inColumns}.");
            }
        }
    }

    /// <summary>The keys a keyed state keeps apart, the exempt one not counted.</summary>
    private static int KeptApart<T>(Dictionary<long, T> items, long exempt) => items.Count - (items.ContainsKey(exempt) ? 1 : 0);
}
