using System.Globalization;
using ImportErrorAnalytics.Reporting;

namespace ImportErrorAnalytics.Aggregation.BuiltIn;

/// <summary>
/// Checks that saved built-in states (from a snapshot or a checkpoint) agree with each other and with the errors
/// counted beside them, as the states of any run do: every record is counted once by the totals, once under its error
/// type, once in its column (under its error type there too), once under its object type and once in its file; a
/// column counts at most its errors among its invalid values; a file's clusters are exactly the runs of its failing
/// lines. A state that each reader accepts alone can still disagree with the others when a file was forged or edited;
/// such a state would otherwise be reported as if true.
/// </summary>
internal static class BuiltInStateChecks
{
    private const int Totals = 0;
    private const int ErrorTypes = 1;
    private const int Columns = 2;
    private const int ObjectTypes = 3;
    private const int TopValues = 4;
    private const int LineClusters = 5;

    /// <summary>Checks the built-in slots (the first <see cref="BuiltInAggregators.Count"/>, in report order).</summary>
    /// <param name="slots">The restored slots.</param>
    /// <param name="errors">The errors the run's counters committed.</param>
    /// <param name="clusterGap">The cluster gap the states were made with.</param>
    /// <exception cref="FormatException">The first disagreement, named.</exception>
    /// <exception cref="OverflowException">A sum of saved counts does not fit.</exception>
    public static void Check(IReadOnlyList<AggregatorSlot> slots, long errors, int clusterGap)
    {
        var totals = State<TotalsState, TotalsState>(slots[Totals]);
        CheckTotals(totals, errors);
        var byType = CheckCounts("errorTypes", "error type", ((ITypedResult<IReadOnlyList<ErrorTypeCount>>)slots[ErrorTypes]).GetResult().Select(t => (t.ErrorType, t.Count)), errors);
        var columns = State<ColumnsState, IReadOnlyList<ColumnSummary>>(slots[Columns]);
        CheckColumns(columns, byType, errors);
        CheckCounts("objectTypes", "object type", ((ITypedResult<IReadOnlyList<ObjectTypeCount>>)slots[ObjectTypes]).GetResult().Select(t => (t.ObjectType, t.Count)), errors);
        CheckTopValues(State<TopValuesState, IReadOnlyList<ColumnTopValues>>(slots[TopValues]), columns, totals.RedactedValues);
        CheckLineClusters(State<LineClustersState, IReadOnlyList<FileLineClusters>>(slots[LineClusters]), errors, clusterGap);
    }

    private static TState State<TState, TResult>(AggregatorSlot slot)
        where TState : class => ((AggregatorSlot<TState, TResult>)slot).State;

    private static void CheckTotals(TotalsState totals, long errors)
    {
        if (totals.Errors < 0 || totals.RedactedValues < 0 || totals.UnknownErrorTypeErrors < 0)
        {
            throw Fail("'totals' holds a negative count.");
        }

        if (totals.Errors != errors)
        {
            throw Fail($"'totals' counts {totals.Errors} errors, the run's counters {errors}.");
        }

        if (totals.RedactedValues > errors || totals.UnknownErrorTypeErrors > errors)
        {
            throw Fail("'totals' counts more sensitive values or errors of unknown types than errors.");
        }
    }

    /// <summary>Counts per name that are positive and sum to <paramref name="errors"/>; returns them by name.</summary>
    private static Dictionary<NameKey, long> CheckCounts(string state, string what, IEnumerable<(string? Name, long Count)> counts, long errors)
    {
        var byName = new Dictionary<NameKey, long>();
        long sum = 0;
        foreach (var (name, count) in counts)
        {
            if (count < 1)
            {
                throw Fail($"'{state}' gives the {what} {Show(name)} a count of {count}.");
            }

            byName[new NameKey(name)] = count;
            sum = checked(sum + count);
        }

        if (sum != errors)
        {
            throw Fail($"the counts of '{state}' add up to {sum} errors, not the {errors} the totals count.");
        }

        return byName;
    }

    private static void CheckColumns(ColumnsState columns, Dictionary<NameKey, long> byType, long errors)
    {
        long sum = 0;
        var typesInColumns = new Dictionary<NameKey, long>();
        foreach (var (key, stats) in columns.Columns)
        {
            var column = key == ColumnKey.None ? "without a number" : key.ToString(CultureInfo.InvariantCulture);
            if (key != ColumnKey.None && key is < int.MinValue or > int.MaxValue)
            {
                throw Fail($"'columns' names column {column}, which no record can have.");
            }

            if (stats.Count < 1)
            {
                throw Fail($"'columns' gives column {column} a count of {stats.Count}.");
            }

            sum = checked(sum + stats.Count);
            long ofTypes = 0;
            foreach (var type in ErrorTypeCountsAggregator.ToErrorTypeCounts(stats.ErrorTypes))
            {
                if (type.Count < 1)
                {
                    throw Fail($"'columns' gives the error type {Show(type.ErrorType)} of column {column} a count of {type.Count}.");
                }

                ofTypes = checked(ofTypes + type.Count);
                var name = new NameKey(type.ErrorType);
                typesInColumns[name] = checked(typesInColumns.GetValueOrDefault(name) + type.Count);
            }

            if (ofTypes != stats.Count)
            {
                throw Fail($"'columns' counts {stats.Count} errors in column {column} and {ofTypes} by error type.");
            }

            if ((stats.Property.Name is null) != (stats.Property.Position == Model.RecordPosition.Max))
            {
                throw Fail($"'columns' gives column {column} a property name without a position, or a position without a name.");
            }
        }

        if (sum != errors)
        {
            throw Fail($"the counts of 'columns' add up to {sum} errors, not the {errors} the totals count.");
        }

        foreach (var (type, count) in byType)
        {
            if (typesInColumns.GetValueOrDefault(type) != count)
            {
                throw Fail($"'errorTypes' counts {count} errors of type {Show(type.Name)}, the columns {typesInColumns.GetValueOrDefault(type)}.");
            }
        }

        foreach (var type in typesInColumns.Keys)
        {
            if (!byType.ContainsKey(type))
            {
                throw Fail($"'columns' counts errors of type {Show(type.Name)}, which 'errorTypes' does not.");
            }
        }
    }

    /// <summary>
    /// A column counts only its own records' values: at most its errors. Each value's lower bound (count minus error) is
    /// a count of real occurrences, so the bounds add up to at most the values counted.
    /// </summary>
    private static void CheckTopValues(TopValuesState topValues, ColumnsState columns, long redactedValues)
    {
        long redacted = 0;
        foreach (var (key, counter) in topValues.Columns)
        {
            var column = key == ColumnKey.None ? "without a number" : key.ToString(CultureInfo.InvariantCulture);
            if (!columns.Columns.TryGetValue(key, out var stats))
            {
                throw Fail($"'topInvalidValues' counts values of column {column}, which 'columns' does not have.");
            }

            if (counter.Total > stats.Count)
            {
                throw Fail($"'topInvalidValues' counts {counter.Total} values in column {column}, which has {stats.Count} errors.");
            }

            long lowerBounds = 0;
            for (var i = 0; i < counter.Count; i++)
            {
                if (counter.CountOf(i) > counter.Total)
                {
                    throw Fail($"'topInvalidValues' counts a value of column {column} {counter.CountOf(i)} times, more than the column's {counter.Total} values.");
                }

                if (counter.IsExact && counter.ErrorOf(i) != 0)
                {
                    throw Fail($"'topInvalidValues' gives a value of column {column} a possible over-count of {counter.ErrorOf(i)}, but the column is counted exactly.");
                }

                var atLeast = counter.CountOf(i) - counter.ErrorOf(i);
                lowerBounds = checked(lowerBounds + atLeast);
                if (counter.KeyOf(i).SequenceEqual(TopInvalidValuesAggregator.RedactedKey))
                {
                    redacted = checked(redacted + atLeast);
                }
            }

            if (lowerBounds > counter.Total)
            {
                throw Fail($"'topInvalidValues' counts at least {lowerBounds} values in column {column}, more than its total of {counter.Total}.");
            }
        }

        if (redacted > redactedValues)
        {
            throw Fail($"'topInvalidValues' counts at least {redacted} sensitive values, the totals {redactedValues}.");
        }
    }

    private static void CheckLineClusters(LineClustersState state, long errors, int gap)
    {
        long sum = 0;
        foreach (var (key, file) in state.Files)
        {
            var name = key == LineClustersState.NoFile ? "without an id" : key.ToString(CultureInfo.InvariantCulture);
            if (file.Errors < 1 || file.FileWideErrors < 0 || file.ErrorsWithoutLine < 0)
            {
                throw Fail($"'lineClusters' gives file {name} a count that is not positive.");
            }

            sum = checked(sum + file.Errors);
            var clusters = file.Clusters();
            var onLines = CheckClusters(file, clusters, gap, name);
            if (checked(onLines + file.FileWideErrors + file.ErrorsWithoutLine) != file.Errors)
            {
                throw Fail($"'lineClusters' counts {file.Errors} errors in file {name}, but {onLines} on its clusters, {file.FileWideErrors} file-wide and {file.ErrorsWithoutLine} without a line.");
            }
        }

        if (sum != errors)
        {
            throw Fail($"the files of 'lineClusters' add up to {sum} errors, not the {errors} the totals count.");
        }
    }

    /// <summary>
    /// The clusters must be exactly the runs of failing lines (at most <paramref name="gap"/> error-free lines inside
    /// one, more between two), and each must have at least one error per line. Returns the errors on the clusters.
    /// </summary>
    private static long CheckClusters(FileLines file, IReadOnlyList<FileLines.Interval> clusters, int gap, string name)
    {
        var index = -1;
        long previous = -1;
        long lines = 0;
        long errors = 0;
        foreach (var line in file.Lines.Ascending())
        {
            if (line < 1)
            {
                throw Fail($"'lineClusters' marks line {line} of file {name} as failing; lines start at 1.");
            }

            if (index < 0 || line - previous - 1 > gap)
            {
                if (index >= 0)
                {
                    errors = checked(errors + EndCluster(clusters[index], previous, lines, name));
                }

                index++;
                if (index >= clusters.Count || clusters[index].First != line)
                {
                    throw Fail($"'lineClusters' has failing line {line} in file {name} where no cluster of its starts.");
                }

                lines = 0;
            }

            lines++;
            previous = line;
        }

        if (index >= 0)
        {
            errors = checked(errors + EndCluster(clusters[index], previous, lines, name));
        }

        if (index + 1 != clusters.Count)
        {
            throw Fail($"'lineClusters' has a cluster at line {clusters[index + 1].First} of file {name} without its failing lines.");
        }

        return errors;
    }

    private static long EndCluster(FileLines.Interval cluster, long last, long lines, string name)
    {
        if (cluster.Last != last)
        {
            throw Fail($"'lineClusters' ends the cluster at line {cluster.First} of file {name} at line {cluster.Last}, its failing lines at {last}.");
        }

        if (cluster.Errors < lines)
        {
            throw Fail($"'lineClusters' counts {cluster.Errors} errors on the {lines} failing lines of the cluster at line {cluster.First} of file {name}.");
        }

        return cluster.Errors;
    }

    private static string Show(string? name) => name switch
    {
        null => "(none)",
        { Length: > 80 } => $"'{name[..80]}...'",
        _ => $"'{name}'",
    };

    private static FormatException Fail(string message) => new("its states disagree: " + message);

    /// <summary>A name that may be absent, as a dictionary key.</summary>
    private readonly record struct NameKey(string? Name);
}
