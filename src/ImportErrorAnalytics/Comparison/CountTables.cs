namespace ImportErrorAnalytics.Comparison;

/// <summary>One row of a report table reduced to what a diff compares.</summary>
internal readonly record struct CountRow(string? Key, string? Property, bool Other, long Count);

/// <summary>Compares one table (error types, columns, object types, files) of two reports, row by row.</summary>
internal static class CountTables
{
    /// <summary>
    /// The rows whose count differs, largest change first (then the row's key). A row absent on a side that has an
    /// "other" row may be inside it, so it is called increased or decreased there, never new or gone.
    /// </summary>
    public static IReadOnlyList<CountChange> Compare(IEnumerable<CountRow> before, IEnumerable<CountRow> after)
    {
        var beforeRows = Index(before);
        var afterRows = Index(after);
        var beforeHasOther = beforeRows.Keys.Any(key => key.Other);
        var afterHasOther = afterRows.Keys.Any(key => key.Other);
        var changes = new List<CountChange>();
        foreach (var key in beforeRows.Keys.Union(afterRows.Keys))
        {
            var inBefore = beforeRows.TryGetValue(key, out var was);
            var inAfter = afterRows.TryGetValue(key, out var now);
            var countBefore = inBefore ? was.Count : 0;
            var countAfter = inAfter ? now.Count : 0;
            if (countBefore == countAfter)
            {
                continue;
            }

            var kind = !inBefore && !beforeHasOther ? ChangeKind.New
                : !inAfter && !afterHasOther ? ChangeKind.Gone
                : countAfter > countBefore ? ChangeKind.Increased
                : ChangeKind.Decreased;
            changes.Add(new CountChange
            {
                Key = key.Key,
                Property = Names.Either(inBefore ? was.Property : null, inAfter ? now.Property : null),
                Other = key.Other,
                Before = countBefore,
                After = countAfter,
                Kind = kind,
            });
        }

        return [.. changes
            .OrderByDescending(change => Math.Abs(change.Change))
            .ThenBy(change => change.Other)
            .ThenBy(change => change.Key, StringComparer.Ordinal)];
    }

    private static Dictionary<(string? Key, bool Other), CountRow> Index(IEnumerable<CountRow> rows)
    {
        // Keys are unique in a report; a hand-made one that repeats a key has its counts added.
        var index = new Dictionary<(string? Key, bool Other), CountRow>(KeyComparer.Instance);
        foreach (var row in rows)
        {
            var key = (row.Key, row.Other);
            index[key] = index.TryGetValue(key, out var seen)
                ? seen with { Count = seen.Count + row.Count, Property = Names.Either(seen.Property, row.Property) }
                : row;
        }

        return index;
    }

    private sealed class KeyComparer : IEqualityComparer<(string? Key, bool Other)>
    {
        public static readonly KeyComparer Instance = new();

        public bool Equals((string? Key, bool Other) x, (string? Key, bool Other) y) => x.Other == y.Other && string.Equals(x.Key, y.Key, StringComparison.Ordinal);

        public int GetHashCode((string? Key, bool Other) obj) => HashCode.Combine(obj.Key is null ? 0 : StringComparer.Ordinal.GetHashCode(obj.Key), obj.Other);
    }
}

/// <summary>Names shown for a row the two reports name differently.</summary>
internal static class Names
{
    /// <summary>
    /// One of two names, the same whichever report comes first: the non-null one, or the first in ordinal order (a
    /// column's property is the first name seen for it, which two imports may see differently).
    /// </summary>
    public static string? Either(string? a, string? b) =>
        a is null ? b : b is null ? a : string.CompareOrdinal(a, b) <= 0 ? a : b;
}
