using System.Globalization;
using System.Text;
using ImportErrorAnalytics.Reporting;

namespace ImportErrorAnalytics.Aggregation.BuiltIn;

/// <summary>
/// Checks that saved built-in states (from a snapshot or a checkpoint) agree with each other and with the errors
/// counted beside them, as the states of any run or merge do: every record is counted once by the totals, once under its
/// error type, once in its column (under its error type there too), once under its object type and once in its file,
/// where a table's "other" row (the keys past the limit of distinct keys) counts the records of the keys it holds; a
/// column counts at most its errors among its invalid values; a file's clusters are exactly the runs of its failing
/// lines. A state that each reader accepts alone can still disagree with the others when a file was forged or edited;
/// such a state would otherwise be reported as if true.
/// </summary>
internal static partial class BuiltInStateChecks
{
    /// <summary>Checks the built-in slots (<see cref="BuiltInSlots"/>).</summary>
    /// <param name="slots">The restored slots.</param>
    /// <param name="errors">The errors the run's counters committed.</param>
    /// <param name="clusterGap">The cluster gap the states were made with.</param>
    /// <exception cref="FormatException">The first disagreement, named.</exception>
    /// <exception cref="OverflowException">A sum of saved counts does not fit.</exception>
    public static void Check(IReadOnlyList<AggregatorSlot> slots, long errors, int clusterGap)
    {
        var builtIn = BuiltInSlots.Of(slots);
        var totals = builtIn.Totals.State;
        CheckTotals(totals, errors);
        var errorTypes = builtIn.ErrorTypes.State;
        var byType = CheckCounts("errorTypes", "error type", ErrorTypeCountsAggregator.ToErrorTypeCounts(errorTypes).Select(t => (NameKey.Of(t), t.Count)), errors);
        CheckUnknownTypes(byType, totals.UnknownErrorTypeErrors);
        var columns = builtIn.Columns.State;
        CheckColumns(columns, errors, errorTypes.MaxUnknown, byType);
        var objectTypes = builtIn.ObjectTypes.GetResult();
        CheckCounts("objectTypes", "object type", objectTypes.Select(t => (new NameKey(t.ObjectType, t.Other, Known: false), t.Count)), errors);
        CheckTopValues(builtIn.TopValues.State, columns, totals.RedactedValues);
        CheckLineClusters(builtIn.LineClusters.State, errors, clusterGap);
    }

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

    /// <summary>
    /// Counts per name (the other row included) that are positive and sum to <paramref name="errors"/>; returns them by
    /// name.
    /// </summary>
    private static Dictionary<NameKey, long> CheckCounts(string state, string what, IEnumerable<(NameKey Name, long Count)> counts, long errors)
    {
        var byName = new Dictionary<NameKey, long>();
        long sum = 0;
        foreach (var (name, count) in counts)
        {
            if (count < 1)
            {
                throw Fail($"'{state}' gives the {what} {Show(name)} a count of {count}.");
            }

            byName[name] = count;
            sum = checked(sum + count);
        }

        if (sum != errors)
        {
            throw Fail($"the counts of '{state}' add up to {sum} errors, not the {errors} the totals count.");
        }

        return byName;
    }

    /// <summary>The totals count an error of an unknown type for each record whose type HubSpot does not document: the unknown names and the other row.</summary>
    private static void CheckUnknownTypes(Dictionary<NameKey, long> byType, long unknownErrors)
    {
        long unknown = 0;
        foreach (var (type, count) in byType)
        {
            if (type.Other || type.IsUnknownName)
            {
                unknown = checked(unknown + count);
            }
        }

        if (unknown != unknownErrors)
        {
            throw Fail($"'totals' counts {unknownErrors} errors of types HubSpot does not document, 'errorTypes' {unknown}.");
        }
    }

    private static string ColumnName(long key) => key == ColumnKey.None ? "without a number" : key.ToString(CultureInfo.InvariantCulture);

    private static string Show(NameKey name) => name switch
    {
        { Other: true } => "(other unknown)",
        { Name: null } => "(none)",
        { Name.Length: > 80 } => $"'{name.Name[..80]}...'",
        _ => $"'{name.Name}'",
    };

    private static FormatException Fail(string message) => new("its states disagree: " + message);

    /// <summary>A name that may be absent, or the other row, as a dictionary key; whether HubSpot documents it.</summary>
    private readonly record struct NameKey(string? Name, bool Other, bool Known)
    {
        /// <summary>A name HubSpot does not document, with a count of its own.</summary>
        public bool IsUnknownName => !Other && !Known && Name is not null;

        public byte[] Utf8 => Encoding.UTF8.GetBytes(Name ?? string.Empty);

        public static NameKey Of(ErrorTypeCount type) => new(type.ErrorType, type.Other, type.Known);
    }
}
