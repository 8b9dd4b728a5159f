using System.Text.Json.Serialization.Metadata;
using ImportErrorAnalytics.Model;
using ImportErrorAnalytics.Parsing;
using ImportErrorAnalytics.Reporting;

namespace ImportErrorAnalytics.Aggregation.BuiltIn;

/// <summary>
/// Counts errors per column, with the column's property name and its errors per type. At most <c>maxKeys</c> columns
/// (the smallest numbers) are kept apart; the others are counted together in one "other columns" row.
/// </summary>
internal sealed partial class ColumnCountsAggregator(int maxKeys) : IErrorAggregator<ColumnsState, IReadOnlyList<ColumnSummary>>, IPageAggregator<ColumnsState>
{
    public string Name => "columns";

    public JsonTypeInfo<IReadOnlyList<ColumnSummary>> ResultTypeInfo => BuiltInJsonContext.Default.IReadOnlyListColumnSummary;

    public ColumnsState CreateState() => new(maxKeys);

    void IPageAggregator<ColumnsState>.AddPage(ColumnsState state, ImportErrorPage page)
    {
        for (var i = 0; i < page.Count; i++)
        {
            Add(state, page.GetRecordUnchecked(i));
        }
    }

    public void Add(ColumnsState state, in ImportErrorRecord record)
    {
        var column = state.Get(ColumnKey.From(record.KnownColumnNumber));
        column.Count++;
        column.ErrorTypes.Add(record.Names.ErrorTypes, record.ErrorTypeId);
        if (record.HasPropertyName)
        {
            column.Property.Offer(record.PropertyName, record.Position);
        }
    }

    public void Merge(ColumnsState into, ColumnsState other) => into.MergeFrom(other);

    public IReadOnlyList<ColumnSummary> GetResult(ColumnsState state)
    {
        var rows = new List<(long Key, ColumnStats Stats, bool Other)>(state.Columns.Count + 1);
        foreach (var (key, stats) in state.Columns)
        {
            rows.Add((key, stats, false));
        }

        if (state.Other is { } other)
        {
            rows.Add((ColumnKey.None, other, true));
        }

        rows.Sort(static (a, b) =>
        {
            var byCount = b.Stats.Count.CompareTo(a.Stats.Count);
            return byCount != 0 ? byCount : a.Other != b.Other ? a.Other.CompareTo(b.Other) : ColumnKey.Compare(a.Key, b.Key);
        });
        return rows.ConvertAll(row => new ColumnSummary
        {
            Column = row.Other ? null : ColumnKey.ToColumn(row.Key),
            Property = row.Other ? null : row.Stats.Property.Name,
            Count = row.Stats.Count,
            ErrorTypes = ErrorTypeCountsAggregator.ToErrorTypeCounts(row.Stats.ErrorTypes),
            Other = row.Other,
        });
    }
}

/// <summary>Per-column counts: the kept columns, and the bucket of the others.</summary>
internal sealed class ColumnsState
{
    private readonly KeyedStates<ColumnStats> _columns;

    public ColumnsState(int maxKeys)
    {
        MaxKeys = maxKeys;
        _columns = new(() => new ColumnStats(maxKeys), () => new ColumnStats(maxKeys), static (other, column) => other.Fold(column), maxKeys, ColumnKey.None);
    }

    /// <summary>The most columns kept apart (besides the records without a column).</summary>
    public int MaxKeys { get; }

    public Dictionary<long, ColumnStats> Columns => _columns.Items;

    /// <summary>The columns past the limit, counted together; <see langword="null"/> when there were none.</summary>
    public ColumnStats? Other => _columns.Other;

    /// <summary>Whether <see cref="MaxKeys"/> columns are kept apart (see <see cref="KeyedStates{T}.IsFull"/>).</summary>
    public bool IsFull => _columns.IsFull;

    /// <summary>The property name per column, as the report's other sections show it.</summary>
    public string? PropertyOf(long key) => Columns.TryGetValue(key, out var stats) ? stats.Property.Name : null;

    public ColumnStats Get(long key) => _columns.Get(key);

    public void MergeFrom(ColumnsState other) => _columns.MergeFrom(other._columns, static (into, from) => into.Merge(from));

    /// <summary>Adds a column read from a saved form (see <see cref="KeyedStates{T}.Restore"/>).</summary>
    public void Restore(long key, ColumnStats stats) => _columns.Restore(key, stats);

    public void RestoreOther(ColumnStats other) => _columns.RestoreOther(other);

    /// <summary>Counts error types in <paramref name="table"/> from now on (see <see cref="NameCounts.UseTable"/>).</summary>
    public void UseTable(NameTable table)
    {
        foreach (var stats in Columns.Values)
        {
            stats.ErrorTypes.UseTable(table);
        }

        Other?.ErrorTypes.UseTable(table);
    }

    /// <summary>Renumbers the inputs of the property positions (see <see cref="FirstPropertyName.RenumberInput"/>).</summary>
    public void RenumberInputs(ReadOnlySpan<int> inputs)
    {
        foreach (var stats in Columns.Values)
        {
            stats.Property.RenumberInput(inputs);
        }
    }
}

/// <summary>One column's counts (or the other columns' together, whose property is not kept).</summary>
internal sealed class ColumnStats(int maxUnknownNames)
{
    public long Count { get; set; }

    public NameCounts ErrorTypes { get; } = new(maxUnknownNames);

    public FirstPropertyName Property { get; } = new();

    public void Merge(ColumnStats other)
    {
        Fold(other);
        Property.Merge(other.Property);
    }

    /// <summary>Adds a column's counts to the bucket of other columns.</summary>
    public void Fold(ColumnStats other)
    {
        Count += other.Count;
        ErrorTypes.Merge(other.ErrorTypes);
    }
}
