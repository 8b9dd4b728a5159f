using System.Text.Json;

namespace ImportErrorAnalytics.Aggregation.BuiltIn;

/// <summary>The saved form of the per-column value counters.</summary>
internal sealed partial class TopInvalidValuesAggregator : IPersistentErrorAggregator<TopValuesState>
{
    public void WriteState(TopValuesState state, Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteNumber("capacity", state.Capacity);
        writer.WriteStartArray("columns");
        foreach (var (key, counter) in state.Columns)
        {
            writer.WriteStartObject();
            writer.WriteNumber("key", key);
            counter.WriteTo(writer);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    public TopValuesState ReadState(JsonElement json)
    {
        var capacity = (int)StateJson.Long(json, "capacity");
        if (capacity != distinctCapacity)
        {
            throw new FormatException($"The saved state counted {capacity} distinct values per column; this run counts {distinctCapacity}.");
        }

        var state = new TopValuesState(capacity);
        foreach (var column in StateJson.Get(json, "columns").EnumerateArray())
        {
            state.Get(StateJson.Long(column, "key")).ReadFrom(column);
        }

        return state;
    }
}
