using System.Text.Json;

namespace ImportErrorAnalytics.Aggregation.BuiltIn;

/// <summary>
/// The saved form of the per-column value counters (state version 2: long values in their shortened form, at most the
/// limit of distinct keys of columns, and the bucket of other columns).
/// </summary>
internal sealed partial class TopInvalidValuesAggregator : IPersistentErrorAggregator<TopValuesState>
{
    public int StateVersion => 2;

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
        if (state.Other is { } other)
        {
            writer.WriteStartObject("other");
            other.WriteTo(writer);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    public TopValuesState ReadState(JsonElement json)
    {
        var capacity = (int)StateJson.Long(json, "capacity");
        if (capacity != distinctCapacity)
        {
            throw new FormatException($"The saved state counted {capacity} distinct values per column; this run counts {distinctCapacity}.");
        }

        var state = CreateState();
        foreach (var column in StateJson.Get(json, "columns").EnumerateArray())
        {
            var counter = new ValueCounter(capacity);
            counter.ReadFrom(column, state.Threshold);
            state.Restore(StateJson.Long(column, "key"), counter);
        }

        if (json.TryGetProperty("other", out var saved))
        {
            var other = new ValueCounter(capacity);
            other.ReadFrom(saved, state.Threshold);
            state.RestoreOther(other);
        }

        return state;
    }
}
