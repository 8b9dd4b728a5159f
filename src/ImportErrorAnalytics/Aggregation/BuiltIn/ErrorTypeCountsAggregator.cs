using System.Text.Json.Serialization.Metadata;
using ImportErrorAnalytics.Model;
using ImportErrorAnalytics.Parsing;
using ImportErrorAnalytics.Reporting;

namespace ImportErrorAnalytics.Aggregation.BuiltIn;

/// <summary>Counts errors per <c>errorType</c>.</summary>
internal sealed class ErrorTypeCountsAggregator : IErrorAggregator<NameCounts, IReadOnlyList<ErrorTypeCount>>, IPersistentErrorAggregator<NameCounts>, IPageAggregator<NameCounts>
{
    public string Name => "errorTypes";

    public JsonTypeInfo<IReadOnlyList<ErrorTypeCount>> ResultTypeInfo => BuiltInJsonContext.Default.IReadOnlyListErrorTypeCount;

    public NameCounts CreateState() => new(HubSpotNames.ErrorTypeTable.Count);

    void IPageAggregator<NameCounts>.AddPage(NameCounts state, ImportErrorPage page)
    {
        for (var i = 0; i < page.Count; i++)
        {
            Add(state, page.GetRecordUnchecked(i));
        }
    }

    public void Add(NameCounts state, in ImportErrorRecord record) => state.Add(record.ErrorTypeId);

    public void Merge(NameCounts into, NameCounts other) => into.Merge(other);

    public void WriteState(NameCounts state, System.Text.Json.Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        StateJson.WriteNameCounts(writer, "counts", state, HubSpotNames.ErrorTypeTable);
        writer.WriteEndObject();
    }

    public NameCounts ReadState(System.Text.Json.JsonElement json) => StateJson.ReadNameCounts(StateJson.Get(json, "counts"), HubSpotNames.ErrorTypeTable);

    public IReadOnlyList<ErrorTypeCount> GetResult(NameCounts state) => ToErrorTypeCounts(state);

    internal static List<ErrorTypeCount> ToErrorTypeCounts(NameCounts counts) =>
        counts.Sorted(HubSpotNames.ErrorTypeTable).ConvertAll(static x => new ErrorTypeCount { ErrorType = x.Name, Count = x.Count, Known = x.Known });
}
