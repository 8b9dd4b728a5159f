using System.Text.Json.Serialization.Metadata;
using ImportErrorAnalytics.Model;
using ImportErrorAnalytics.Parsing;
using ImportErrorAnalytics.Reporting;

namespace ImportErrorAnalytics.Aggregation.BuiltIn;

/// <summary>Counts errors per <c>objectType</c>; undocumented types past <c>maxUnknown</c> in the <c>(other unknown)</c> row.</summary>
internal sealed class ObjectTypeCountsAggregator(int maxUnknown) : IErrorAggregator<NameCounts, IReadOnlyList<ObjectTypeCount>>, IPersistentErrorAggregator<NameCounts>, IPageAggregator<NameCounts>
{
    public string Name => "objectTypes";

    public JsonTypeInfo<IReadOnlyList<ObjectTypeCount>> ResultTypeInfo => BuiltInJsonContext.Default.IReadOnlyListObjectTypeCount;

    /// <summary>Version 2 added the bucket of other unknown types (<c>other</c>) and the limit on them.</summary>
    public int StateVersion => 2;

    public NameCounts CreateState() => new(maxUnknown);

    void IPageAggregator<NameCounts>.AddPage(NameCounts state, ImportErrorPage page)
    {
        var table = page.Names.ObjectTypes;
        foreach (ref readonly var slot in page.Slots)
        {
            state.Add(table, slot.ObjectTypeId);
        }
    }

    public void Add(NameCounts state, in ImportErrorRecord record) => state.Add(record.Names.ObjectTypes, record.ObjectTypeId);

    public void Merge(NameCounts into, NameCounts other) => into.Merge(other);

    public void WriteState(NameCounts state, System.Text.Json.Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        StateJson.WriteNameCounts(writer, "counts", "other", state);
        writer.WriteEndObject();
    }

    public NameCounts ReadState(System.Text.Json.JsonElement json)
    {
        var state = new NameCounts(maxUnknown);
        StateJson.ReadNameCounts(json, "counts", "other", StateJson.ReadingTable(HubSpotNames.ObjectTypeSeed), state);
        return state;
    }

    public IReadOnlyList<ObjectTypeCount> GetResult(NameCounts state) =>
        state.Sorted().ConvertAll(static x => new ObjectTypeCount { ObjectType = x.Name, Count = x.Count, Other = x.Other });
}
