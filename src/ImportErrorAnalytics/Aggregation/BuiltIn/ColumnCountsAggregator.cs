using System.Text.Json.Serialization.Metadata;
using ImportErrorAnalytics.Model;
using ImportErrorAnalytics.Parsing;
using ImportErrorAnalytics.Reporting;

namespace ImportErrorAnalytics.Aggregation.BuiltIn;

/// <summary>Counts errors per column, with the column's property name and its errors per type.</summary>
internal sealed partial class ColumnCountsAggregator : IErrorAggregator<ColumnsState, IReadOnlyList<ColumnSummary>>, IPageAggregator<ColumnsState>
{
    public string Name => "columns";

    public JsonTypeInfo<IReadOnlyList<ColumnSummary>> ResultTypeInfo => BuiltInJsonContext.Default.IReadOnlyListColumnSummary;

    public ColumnsState CreateState() => new();

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
        column.ErrorTypes.Add(record.ErrorTypeId);
        if (record.HasPropertyName)
        {
            column.Property.Offer(record.PropertyName, record.Position);
        }
    }

    public void Merge(ColumnsState into, ColumnsState other)
    {
        foreach (var (key, stats) in other.Columns)
        {
            var target = into.Get(key);
            target.Count += stats.Count;
            target.ErrorTypes.Merge(stats.ErrorTypes);
            target.Property.Merge(stats.Property);
        }
    }

    public IReadOnlyList<ColumnSummary> GetResult(ColumnsState state)
    {
        var keys = state.Columns.Keys.ToList();
        keys.Sort((a, b) =>
        {
            var byCount = state.Columns[b].Count.CompareTo(state.Columns[a].Count);
            return byCount != 0 ? byCount : ColumnKey.Compare(a, b);
        });
        return keys.ConvertAll(key =>
        {
            var stats = state.Columns[key];
            return new ColumnSummary
            {
                Column = ColumnKey.ToColumn(key),
                Property = stats.Property.Name,
                Count = stats.Count,
                ErrorTypes = ErrorTypeCountsAggregator.ToErrorTypeCounts(stats.ErrorTypes),
            };
        });
    }
}

/// <summary>Per-column counts.</summary>
internal sealed class ColumnsState
{
    private readonly KeyedStates<ColumnStats> _columns = new(static () => new ColumnStats());

    public Dictionary<long, ColumnStats> Columns => _columns.Items;

    /// <summary>The property name per column, as the report's other sections show it.</summary>
    public string? PropertyOf(long key) => Columns.TryGetValue(key, out var stats) ? stats.Property.Name : null;

    public ColumnStats Get(long key) => _columns.Get(key);

    /// <summary>Renumbers the inputs of the property positions (see <see cref="FirstPropertyName.RenumberInput"/>).</summary>
    public void RenumberInputs(ReadOnlySpan<int> inputs)
    {
        foreach (var stats in Columns.Values)
        {
            stats.Property.RenumberInput(inputs);
        }
    }
}

/// <summary>One column's counts.</summary>
internal sealed class ColumnStats
{
    public long Count { get; set; }

    public NameCounts ErrorTypes { get; } = new(HubSpotNames.ErrorTypeTable.Count);

    public FirstPropertyName Property { get; } = new();
}
