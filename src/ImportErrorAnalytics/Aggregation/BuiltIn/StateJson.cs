using System.Text.Json;
using ImportErrorAnalytics.Model;

namespace ImportErrorAnalytics.Aggregation.BuiltIn;

/// <summary>Small helpers shared by the built-in states' JSON forms.</summary>
internal static class StateJson
{
    public static JsonElement Get(JsonElement json, string name) =>
        json.ValueKind == JsonValueKind.Object && json.TryGetProperty(name, out var value)
            ? value
            : throw new FormatException($"The saved state has no '{name}'.");

    public static long Long(JsonElement json, string name) => Get(json, name).GetInt64();

    public static void WriteNameCounts(Utf8JsonWriter writer, string property, NameCounts counts, NameTable table)
    {
        writer.WriteStartArray(property);
        for (var id = 0; id < counts.Length; id++)
        {
            if (counts[id] != 0)
            {
                writer.WriteStartArray();
                writer.WriteStringValue(table[id]);
                writer.WriteNumberValue(counts[id]);
                writer.WriteEndArray();
            }
        }

        writer.WriteEndArray();
    }

    /// <summary>Names are saved as text, since ids differ from process to process.</summary>
    public static NameCounts ReadNameCounts(JsonElement json, NameTable table)
    {
        var counts = new NameCounts(table.Count);
        foreach (var pair in json.EnumerateArray())
        {
            var name = pair[0].GetString();
            var id = name is null ? 0 : table.GetOrAdd(System.Text.Encoding.UTF8.GetBytes(name));
            counts.Add(id, pair[1].GetInt64());
        }

        return counts;
    }

    public static void WritePosition(Utf8JsonWriter writer, RecordPosition position)
    {
        writer.WriteStartArray();
        writer.WriteNumberValue(position.Source);
        writer.WriteNumberValue(position.Page);
        writer.WriteNumberValue(position.Record);
        writer.WriteEndArray();
    }

    public static RecordPosition ReadPosition(JsonElement json) => new(json[0].GetInt32(), json[1].GetInt32(), json[2].GetInt32());
}
