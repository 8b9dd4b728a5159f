using System.Text.Json;
using ImportErrorAnalytics.Model;

namespace ImportErrorAnalytics.Aggregation.BuiltIn;

/// <summary>The saved form of per-column counts.</summary>
internal sealed partial class ColumnCountsAggregator : IPersistentErrorAggregator<ColumnsState>
{
    public void WriteState(ColumnsState state, Utf8JsonWriter writer)
    {
        writer.WriteStartArray();
        foreach (var (key, stats) in state.Columns)
        {
            writer.WriteStartObject();
            writer.WriteNumber("key", key);
            writer.WriteNumber("count", stats.Count);
            StateJson.WriteNameCounts(writer, "errorTypes", stats.ErrorTypes, HubSpotNames.ErrorTypeTable);
            writer.WriteString("property", stats.Property.Name);
            writer.WritePropertyName("position");
            StateJson.WritePosition(writer, stats.Property.Position);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    public ColumnsState ReadState(JsonElement json)
    {
        var state = new ColumnsState();
        foreach (var column in json.EnumerateArray())
        {
            var stats = state.Get(StateJson.Long(column, "key"));
            stats.Count = StateJson.Long(column, "count");
            stats.ErrorTypes.Merge(StateJson.ReadNameCounts(StateJson.Get(column, "errorTypes"), HubSpotNames.ErrorTypeTable));
            stats.Property.Restore(StateJson.Get(column, "property").GetString(), StateJson.ReadPosition(StateJson.Get(column, "position")));
        }

        return state;
    }
}
