using System.Text.Json;

namespace ImportErrorAnalytics.Aggregation.BuiltIn;

/// <summary>The saved form of a counter: its values (base64), counts and errors.</summary>
internal sealed partial class ValueCounter
{
    public void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteBoolean("exact", IsExact);
        writer.WriteNumber("total", Total);
        writer.WriteStartArray("values");
        for (var i = 0; i < Count; i++)
        {
            writer.WriteStartArray();
            writer.WriteBase64StringValue(KeyOf(i));
            writer.WriteNumberValue(_entries[i].Count);
            writer.WriteNumberValue(_entries[i].Error);
            writer.WriteEndArray();
        }

        writer.WriteEndArray();
    }

    /// <summary>Fills an empty counter from its saved form.</summary>
    public void ReadFrom(JsonElement json)
    {
        var values = StateJson.Get(json, "values");
        if (values.GetArrayLength() > Capacity)
        {
            throw new FormatException($"A saved counter holds {values.GetArrayLength()} values, more than its capacity {Capacity}.");
        }

        foreach (var entry in values.EnumerateArray())
        {
            var key = entry[0].GetBytesFromBase64();
            Insert(key, Model.ByteHash.Compute(key), entry[1].GetInt64(), entry[2].GetInt64());
        }

        Total = StateJson.Long(json, "total");
        if (!StateJson.Get(json, "exact").GetBoolean())
        {
            BuildHeap();
        }
    }
}
