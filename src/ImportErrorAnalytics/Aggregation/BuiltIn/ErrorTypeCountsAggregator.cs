using System.Text.Json.Serialization.Metadata;
using ImportErrorAnalytics.Model;
using ImportErrorAnalytics.Parsing;
using ImportErrorAnalytics.Reporting;

namespace ImportErrorAnalytics.Aggregation.BuiltIn;

/// <summary>Counts errors per <c>errorType</c>; undocumented types past <c>maxUnknown</c> in the <c>(other unknown)</c> row.</summary>
internal sealed class ErrorTypeCountsAggregator(int maxUnknown) : IErrorAggregator<NameCounts, IReadOnlyList<ErrorTypeCount>>, IPersistentErrorAggregator<NameCounts>, IPageAggregator<NameCounts>
{
    public string Name => "errorTypes";

    public JsonTypeInfo<IReadOnlyList<ErrorTypeCount>> ResultTypeInfo => BuiltInJsonContext.Default.IReadOnlyListErrorTypeCount;

    /// <summary>Version 2 added the bucket of other unknown types (<c>other</c>) and the limit on them.</summary>
    public int StateVersion => 2;

    public NameCounts CreateState() => new(maxUnknown);

    void IPageAggregator<NameCounts>.AddPage(NameCounts state, ImportErrorPage page)
    {
        var table = page.Names.ErrorTypes;
        foreach (ref readonly var slot in page.Slots)
        {
            state.Add(table, slot.ErrorTypeId);
        }
    }

    public void Add(NameCounts state, in ImportErrorRecord record) => state.Add(record.Names.ErrorTypes, record.ErrorTypeId);

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
        StateJson.ReadNameCounts(json, "counts", "other", StateJson.ReadingTable(HubSpotNames.ErrorTypeSeed), state);
        return state;
    }

    public IReadOnlyList<ErrorTypeCount> GetResult(NameCounts state) => ToErrorTypeCounts(state);

    internal static List<ErrorTypeCount> ToErrorTypeCounts(NameCounts counts) =>
        counts.Sorted().ConvertAll(static x => new ErrorTypeCount { ErrorType = x.Name, Count = x.Count, Known = x.Known, Other = x.Other, Guide = x.Other ? null : ErrorTypeGuide.For(x.Name) });
}
