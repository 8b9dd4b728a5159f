using System.Text.Json;
using ImportErrorAnalytics.Model;

namespace ImportErrorAnalytics.Aggregation.BuiltIn;

/// <summary>The saved form of per-column counts (state version 2: the bucket of other columns, and of other error types).</summary>
internal sealed partial class ColumnCountsAggregator : IPersistentErrorAggregator<ColumnsState>
{
    public int StateVersion => 2;

    public void WriteState(ColumnsState state, Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteStartArray("columns");
        foreach (var (key, stats) in state.Columns)
        {
            writer.WriteStartObject();
            writer.WriteNumber("key", key);
            WriteCounts(writer, stats);
            writer.WriteString("property", stats.Property.Name);
            writer.WritePropertyName("position");
            StateJson.WritePosition(writer, stats.Property.Position);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        if (state.Other is { } other)
        {
            writer.WriteStartObject("other");
            WriteCounts(writer, other);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    public ColumnsState ReadState(JsonElement json)
    {
        var state = new ColumnsState(maxKeys);
        var table = StateJson.ReadingTable(HubSpotNames.ErrorTypeSeed);
        foreach (var column in StateJson.Get(json, "columns").EnumerateArray())
        {
            var key = StateJson.Long(column, "key");
            if (key != ColumnKey.None && key is < int.MinValue or > int.MaxValue)
            {
                throw new FormatException($"A saved column number, {key}, is not a 32-bit integer.");
            }

            var stats = ReadCounts(column, table);
            stats.Property.Restore(StateJson.Get(column, "property").GetString(), StateJson.ReadPosition(StateJson.Get(column, "position")));
            state.Restore(key, stats);
        }

        if (json.TryGetProperty("other", out var other))
        {
            state.RestoreOther(ReadCounts(other, table));
        }

        return state;
    }

    private static void WriteCounts(Utf8JsonWriter writer, ColumnStats stats)
    {
        writer.WriteNumber("count", stats.Count);
        StateJson.WriteNameCounts(writer, "errorTypes", "otherErrorTypes", stats.ErrorTypes);
    }

    private ColumnStats ReadCounts(JsonElement json, NameTable table)
    {
        var stats = new ColumnStats(maxKeys) { Count = StateJson.Long(json, "count") };
        StateJson.ReadNameCounts(json, "errorTypes", "otherErrorTypes", table, stats.ErrorTypes);
        if (stats.Count < 1 || stats.ErrorTypes.Total() != stats.Count)
        {
            throw new FormatException("A saved column's count is not positive, or is not the sum of its error types.");
        }

        return stats;
    }
}
