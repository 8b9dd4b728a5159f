using System.Text;
using ImportErrorAnalytics.Model;
using ImportErrorAnalytics.Reporting;
using ImportErrorAnalytics.Testing;

namespace ImportErrorAnalytics.Tests.Support;

/// <summary>
/// The plain reference of the limit on distinct keys, for the merge of parts that each ran on their own: within a part,
/// the first <c>max</c> undocumented names it met keep their own count; a merge keeps the <c>max</c> of those first in
/// UTF-8 byte order, the rest of each part's undocumented names going to the other row. Columns and files: the
/// <c>max</c> smallest keys of all parts together; the others in the other row.
/// </summary>
internal static class BucketOracle
{
    public static List<ErrorTypeCount> ErrorTypes(IReadOnlyList<SyntheticError[]> parts, int max) =>
        Names(parts, e => e.ErrorType, HubSpotNames.IsKnownErrorType, max, all => all)
            .Select(x => new ErrorTypeCount { ErrorType = x.Name, Count = x.Count, Known = x.Name is not null && !x.Other && HubSpotNames.IsKnownErrorType(x.Name), Other = x.Other, Guide = x.Other ? null : ErrorTypeGuide.For(x.Name) })
            .ToList();

    public static List<ObjectTypeCount> ObjectTypes(IReadOnlyList<SyntheticError[]> parts, int max) =>
        Names(parts, e => e.ObjectType, HubSpotNames.ObjectTypes.Contains, max, all => all)
            .Select(x => new ObjectTypeCount { ObjectType = x.Name, Count = x.Count, Other = x.Other })
            .ToList();

    public static List<ColumnSummary> Columns(IReadOnlyList<SyntheticError[]> parts, int max)
    {
        var kept = Smallest(parts.SelectMany(p => p).Select(e => e.KnownColumnNumber), max);
        var rows = parts.SelectMany(p => p).Select(e => e.KnownColumnNumber).Distinct()
            .Where(c => c is null || kept.Contains(c.Value))
            .Select(c => Column(parts, e => e.KnownColumnNumber == c, max, c, other: false))
            .ToList();
        if (parts.SelectMany(p => p).Any(e => e.KnownColumnNumber is { } c && !kept.Contains(c)))
        {
            rows.Add(Column(parts, e => e.KnownColumnNumber is { } c && !kept.Contains(c), max, null, other: true));
        }

        return rows.OrderByDescending(x => x.Count).ThenBy(x => x.Other).ThenBy(x => x.Column is null).ThenBy(x => x.Column).ToList();
    }

    public static List<ColumnTopValues> TopValues(IReadOnlyList<SyntheticError[]> parts, int max, int displayLength)
    {
        var withValues = parts.SelectMany(p => p).Where(e => e.EffectiveValue is not null).ToList();
        var kept = Smallest(withValues.Select(e => e.KnownColumnNumber), max);
        var rows = withValues.GroupBy(e => e.KnownColumnNumber is { } c && !kept.Contains(c) ? "other" : e.KnownColumnNumber?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none")
            .Select(g =>
            {
                var other = g.Key == "other";
                var column = ReportOracle.TopValues([.. g.Select(Anonymous)], int.MaxValue, displayLength).Single();
                return new ColumnTopValues
                {
                    Column = other ? null : g.First().KnownColumnNumber,
                    Other = other,
                    Property = null,
                    Exact = true,
                    DistinctValues = column.DistinctValues,
                    DistinctValuesAtLeast = column.DistinctValuesAtLeast,
                    ValuesCounted = column.ValuesCounted,
                    Values = column.Values,
                };
            });
        return rows.OrderByDescending(x => x.ValuesCounted).ThenBy(x => x.Other).ThenBy(x => x.Column is null).ThenBy(x => x.Column).ToList();
    }

    /// <summary>The error in column 0 with no property name, as sensitive as it was (a property name is part of the rule).</summary>
    private static SyntheticError Anonymous(SyntheticError error) =>
        error.IsSensitive
            ? error with { KnownColumnNumber = 0, PropertyName = null, DataSensitivity = "high" }
            : error with { KnownColumnNumber = 0, PropertyName = null };

    public static List<FileLineClusters> LineClusters(IReadOnlyList<SyntheticError[]> parts, int gap, int max)
    {
        var all = parts.SelectMany(p => p).ToList();
        var kept = Smallest(all.Select(e => e.FileId), max);
        var rows = ReportOracle.LineClusters([.. all.Where(e => e.FileId is not { } f || kept.Contains(f))], gap, null);
        var others = all.Where(e => e.FileId is { } f && !kept.Contains(f)).ToList();
        if (others.Count > 0)
        {
            rows.Add(new FileLineClusters
            {
                Other = true,
                Errors = others.Count,
                FileWideErrors = others.LongCount(e => e.LineNumber == 0),
                ErrorsWithoutLine = others.LongCount(e => e.LineNumber is null),
                Clusters = [],
            });
        }

        return rows.OrderByDescending(f => f.Errors).ThenBy(f => f.Other).ThenBy(f => f.FileId is null).ThenBy(f => f.FileId).ToList();
    }

    private static ColumnSummary Column(IReadOnlyList<SyntheticError[]> parts, Func<SyntheticError, bool> inColumn, int max, int? column, bool other) => new()
    {
        Column = column,
        Other = other,
        Property = other ? null : parts.SelectMany(p => p).Where(inColumn).FirstOrDefault(e => e.PropertyName is not null)?.PropertyName,
        Count = parts.SelectMany(p => p).Count(inColumn),
        ErrorTypes = Names(parts, e => e.ErrorType, HubSpotNames.IsKnownErrorType, max, records => records.Where(inColumn))
            .Select(x => new ErrorTypeCount { ErrorType = x.Name, Count = x.Count, Known = x.Name is not null && !x.Other && HubSpotNames.IsKnownErrorType(x.Name), Other = x.Other, Guide = x.Other ? null : ErrorTypeGuide.For(x.Name) })
            .ToList(),
    };

    /// <summary>
    /// Counts per name of the records <paramref name="counted"/> picks from each part, each part keeping the first
    /// <paramref name="max"/> undocumented names of the whole part; then the merge's rule. Sorted as the report sorts.
    /// </summary>
    private static List<(string? Name, bool Other, long Count)> Names(
        IReadOnlyList<SyntheticError[]> parts, Func<SyntheticError, string?> name, Func<string, bool> known, int max, Func<IEnumerable<SyntheticError>, IEnumerable<SyntheticError>> counted)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        long absent = 0, other = 0;
        foreach (var part in parts)
        {
            var keptInPart = part.Select(name).OfType<string>().Where(n => !known(n)).Distinct(StringComparer.Ordinal).Take(max).ToHashSet(StringComparer.Ordinal);
            foreach (var error in counted(part))
            {
                if (name(error) is not { } n)
                {
                    absent++;
                }
                else if (known(n) || keptInPart.Contains(n))
                {
                    counts[n] = counts.GetValueOrDefault(n) + 1;
                }
                else
                {
                    other++;
                }
            }
        }

        var unknown = counts.Keys.Where(n => !known(n)).OrderBy(n => Encoding.UTF8.GetBytes(n), ByteOrder.Instance).ToList();
        foreach (var dropped in unknown.Skip(max))
        {
            other += counts[dropped];
            counts.Remove(dropped);
        }

        var rows = counts.Select(p => ((string?)p.Key, false, p.Value)).ToList();
        if (absent > 0)
        {
            rows.Add((null, false, absent));
        }

        if (other > 0)
        {
            rows.Add((NameTable.OtherName, true, other));
        }

        return rows.OrderByDescending(r => r.Item3).ThenBy(r => r.Item2 ? 2 : r.Item1 is null ? 1 : 0).ThenBy(r => r.Item1, StringComparer.Ordinal).ToList();
    }

    private static HashSet<T> Smallest<T>(IEnumerable<T?> keys, int max)
        where T : struct => keys.OfType<T>().Distinct().Order().Take(max).ToHashSet();

    private sealed class ByteOrder : IComparer<byte[]>
    {
        public static readonly ByteOrder Instance = new();

        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
    }
}
