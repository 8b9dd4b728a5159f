using System.Text.Json.Serialization.Metadata;
using ImportErrorAnalytics.Model;
using ImportErrorAnalytics.Parsing;
using ImportErrorAnalytics.Reporting;

namespace ImportErrorAnalytics.Aggregation.BuiltIn;

/// <summary>Counts errors per <c>objectType</c>.</summary>
internal sealed class ObjectTypeCountsAggregator : IErrorAggregator<NameCounts, IReadOnlyList<ObjectTypeCount>>, IPersistentErrorAggregator<NameCounts>, IPageAggregator<NameCounts>
{
    public string Name => "objectTypes";

    public JsonTypeInfo<IReadOnlyList<ObjectTypeCount>> ResultTypeInfo => BuiltInJsonContext.Default.IReadOnlyListObjectTypeCount;

    public NameCounts CreateState() => new(HubSpotNames.ObjectTypeTable.Count);

    void IPageAggregator<NameCounts>.AddPage(NameCounts state, ImportErrorPage page)
    {
        for (var i = 0; i < page.Count; i++)
        {
            Add(state, page.GetRecordUnchecked(i));
        }
    }

    public void Add(NameCounts state, in ImportErrorRecord record) => state.Add(record.ObjectTypeId);

    public void Merge(NameCounts into, NameCounts other) => into.Merge(other);

    public void WriteState(NameCounts state, System.Text.Json.Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        StateJson.WriteNameCounts(writer, "counts", state, HubSpotNames.ObjectTypeTable);
        writer.WriteEndObject();
    }

    public NameCounts ReadState(System.Text.Json.JsonElement json) => StateJson.ReadNameCounts(StateJson.Get(json, "counts"), HubSpotNames.ObjectTypeTable);

    public IReadOnlyList<ObjectTypeCount> GetResult(NameCounts state) =>
        state.Sorted(HubSpotNames.ObjectTypeTable).ConvertAll(static x => new ObjectTypeCount { ObjectType = x.Name, Count = x.Count });
}
