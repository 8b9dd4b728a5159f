using ImportErrorAnalytics.Reporting;

namespace ImportErrorAnalytics.Comparison;

/// <summary>The values that appeared in or disappeared from the columns' top-value lists of two comparable reports.</summary>
internal static class TopValueChanges
{
    public static IReadOnlyList<ValueChange> Compare(IReadOnlyList<ColumnTopValues> before, IReadOnlyList<ColumnTopValues> after)
    {
        var beforeColumns = before.GroupBy(column => (column.Column, column.Other)).ToDictionary(group => group.Key, group => group.First());
        var afterColumns = after.GroupBy(column => (column.Column, column.Other)).ToDictionary(group => group.Key, group => group.First());
        var changes = new List<ValueChange>();
        foreach (var key in beforeColumns.Keys.Union(afterColumns.Keys))
        {
            beforeColumns.TryGetValue(key, out var was);
            afterColumns.TryGetValue(key, out var now);
            var property = Names.Either(was?.Property, now?.Property);
            Add(changes, key, property, now, was, ChangeKind.New);
            Add(changes, key, property, was, now, ChangeKind.Gone);
        }

        return [.. changes
            .OrderBy(change => change.Column.HasValue)
            .ThenBy(change => change.Column)
            .ThenBy(change => change.Other)
            .ThenBy(change => change.Value, StringComparer.Ordinal)];
    }

    /// <summary>Adds the values <paramref name="listed"/> shows and <paramref name="other"/> does not.</summary>
    private static void Add(List<ValueChange> changes, (int? Column, bool Other) key, string? property, ColumnTopValues? listed, ColumnTopValues? other, ChangeKind kind)
    {
        if (listed is null)
        {
            return;
        }

        var shown = other?.Values.Select(value => value.Value).ToHashSet(StringComparer.Ordinal) ?? [];
        var certain = other is null || (other.Exact && other.DistinctValues == other.Values.Count);
        foreach (var value in listed.Values.Where(value => !shown.Contains(value.Value)))
        {
            changes.Add(new ValueChange { Column = key.Column, Other = key.Other, Property = property, Value = value.Value, Kind = kind, Count = value.Count, Certain = certain });
        }
    }
}
