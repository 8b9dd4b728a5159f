using System.Text.Json;

namespace ImportErrorAnalytics.Aggregation.BuiltIn;

/// <summary>The saved form of the per-file line clusters.</summary>
internal sealed partial class LineClustersAggregator : IPersistentErrorAggregator<LineClustersState>
{
    public void WriteState(LineClustersState state, Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteNumber("gap", gap);
        writer.WriteStartArray("files");
        foreach (var (key, file) in state.Files)
        {
            writer.WriteStartObject();
            writer.WriteNumber("key", key);
            file.WriteTo(writer);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    public LineClustersState ReadState(JsonElement json)
    {
        var savedGap = (int)StateJson.Long(json, "gap");
        if (savedGap != gap)
        {
            throw new FormatException($"The saved state clustered lines with gap {savedGap}; this run uses {gap}.");
        }

        var state = new LineClustersState(gap);
        foreach (var file in StateJson.Get(json, "files").EnumerateArray())
        {
            var key = StateJson.Long(file, "key");
            state.Get(key == LineClustersState.NoFile ? null : key).ReadFrom(file);
        }

        return state;
    }
}
