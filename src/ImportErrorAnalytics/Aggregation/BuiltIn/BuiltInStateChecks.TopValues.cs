namespace ImportErrorAnalytics.Aggregation.BuiltIn;

/// <summary>The top invalid values against the per-column counts and the totals.</summary>
internal static partial class BuiltInStateChecks
{
    /// <summary>
    /// A column counts only its own records' values: at most its errors. Each value's lower bound (count minus error) is
    /// a count of real occurrences, so the bounds add up to at most the values counted. Both tables keep apart the
    /// smallest column numbers they met, and 'columns' meets every column the values do: a column kept apart here and not
    /// there is counted in the other row of 'columns', past every column that keeps its own row. The other row here
    /// counts the values of the columns not kept apart here, which 'columns' counts in their own rows or its other row.
    /// </summary>
    private static void CheckTopValues(TopValuesState topValues, ColumnsState columns, long redactedValues)
    {
        var largestKept = long.MinValue;
        foreach (var key in columns.Columns.Keys)
        {
            largestKept = key != ColumnKey.None && key > largestKept ? key : largestKept;
        }

        long redacted = 0;
        long inOtherColumns = 0;
        foreach (var (key, counter) in topValues.Columns)
        {
            var column = ColumnName(key);
            if (columns.Columns.TryGetValue(key, out var stats))
            {
                if (counter.Total > stats.Count)
                {
                    throw Fail($"'topInvalidValues' counts {counter.Total} values in column {column}, which has {stats.Count} errors.");
                }
            }
            else if (key == ColumnKey.None || columns.Other is null)
            {
                throw Fail($"'topInvalidValues' counts values of column {column}, which 'columns' does not have.");
            }
            else if (key < largestKept)
            {
                throw Fail($"'topInvalidValues' keeps column {column} apart, which 'columns' counts in its other row though it keeps column {largestKept} apart.");
            }
            else
            {
                inOtherColumns = checked(inOtherColumns + counter.Total);
            }

            redacted = checked(redacted + CheckValues(counter, $"column {column}"));
        }

        var otherErrors = columns.Other?.Count ?? 0;
        if (inOtherColumns > otherErrors)
        {
            throw Fail($"'topInvalidValues' counts {inOtherColumns} values in columns that 'columns' counts in its other row, which has {otherErrors} errors.");
        }

        if (topValues.Other is { } other)
        {
            if (!topValues.IsFull)
            {
                throw Fail($"'topInvalidValues' has an other row but keeps only {KeptApart(topValues.Columns, ColumnKey.None)} columns apart, fewer than its limit of {topValues.MaxKeys}.");
            }

            var room = otherErrors - inOtherColumns;
            foreach (var (key, stats) in columns.Columns)
            {
                if (!topValues.Columns.ContainsKey(key))
                {
                    room = checked(room + stats.Count);
                }
            }

            if (other.Total > room)
            {
                throw Fail($"'topInvalidValues' counts {other.Total} values in its other row, more than the {room} errors of the columns it does not keep apart.");
            }

            redacted = checked(redacted + CheckValues(other, "its other row"));
        }

        if (redacted > redactedValues)
        {
            throw Fail($"'topInvalidValues' counts at least {redacted} sensitive values, the totals {redactedValues}.");
        }
    }

    /// <summary>Checks one counter's values against its total; returns the sensitive values it counts at least.</summary>
    private static long CheckValues(ValueCounter counter, string what)
    {
        long lowerBounds = 0;
        long redacted = 0;
        for (var i = 0; i < counter.Count; i++)
        {
            if (counter.CountOf(i) > counter.Total)
            {
                throw Fail($"'topInvalidValues' counts a value of {what} {counter.CountOf(i)} times, more than its {counter.Total} values.");
            }

            if (counter.IsExact && counter.ErrorOf(i) != 0)
            {
                throw Fail($"'topInvalidValues' gives a value of {what} a possible over-count of {counter.ErrorOf(i)}, but it is counted exactly.");
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
            throw Fail($"'topInvalidValues' counts at least {lowerBounds} values in {what}, more than its total of {counter.Total}.");
        }

        return redacted;
    }
}
