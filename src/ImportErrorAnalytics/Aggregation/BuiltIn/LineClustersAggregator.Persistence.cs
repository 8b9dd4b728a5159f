using System.Text.Json;

namespace ImportErrorAnalytics.Aggregation.BuiltIn;

/// <summary>
/// The saved form of the per-file line clusters (state version 2: lines by chunk as offsets or bitmaps, at most the limit
/// of distinct keys of files, and the bucket of other files).
/// </summary>
internal sealed partial class LineClustersAggregator : IPersistentErrorAggregator<LineClustersState>
{
    public int StateVersion => 2;

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
        if (state.Other is { } other)
        {
            writer.WriteStartObject("other");
            other.WriteTo(writer);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    public LineClustersState ReadState(JsonElement json)
    {
        var savedGap = (int)StateJson.Long(json, "gap");
        if (savedGap != gap)
        {
            throw new FormatException($"The saved state clustered lines with gap {savedGap}; this run uses {gap}.");
        }

        var state = CreateState();
        foreach (var saved in StateJson.Get(json, "files").EnumerateArray())
        {
            var file = new FileLines(gap);
            file.ReadFrom(saved);
            state.Restore(StateJson.Long(saved, "key"), file);
        }

        if (json.TryGetProperty("other", out var savedOther))
        {
            var other = new FileLines(gap, countsOnly: true);
            other.ReadFrom(savedOther);
            state.RestoreOther(other);
        }

        return state;
    }
}
