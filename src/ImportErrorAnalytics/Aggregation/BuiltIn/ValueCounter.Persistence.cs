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

    /// <summary>Fills an empty counter from its saved form; its keys must be keys <see cref="ValueKey"/> makes with <paramref name="threshold"/>.</summary>
    public void ReadFrom(JsonElement json, int threshold)
    {
        var values = StateJson.Get(json, "values");
        if (values.GetArrayLength() > Capacity)
        {
            throw new FormatException($"A saved counter holds {values.GetArrayLength()} values, more than its capacity {Capacity}.");
        }

        long sum = 0;
        foreach (var entry in values.EnumerateArray())
        {
            var key = entry[0].GetBytesFromBase64();
            if (!ValueKey.IsValid(key, threshold))
            {
                throw new FormatException("A saved counter holds a value that is not valid UTF-8, or a long value not in its shortened form.");
            }

            var hash = Model.ByteHash.Compute(key);
            var (count, error) = (entry[1].GetInt64(), entry[2].GetInt64());
            if (count < 1 || error < 0 || error >= count || Find(key, hash) >= 0)
            {
                throw new FormatException("A saved counter holds a value twice, or a count that is not positive or an error not below it.");
            }

            Insert(key, hash, count, error);
            sum += count;
        }

        Total = StateJson.Long(json, "total");
        var exact = StateJson.Get(json, "exact").GetBoolean();
        if (exact ? Total != sum : Total < 0 || Count != Capacity)
        {
            throw new FormatException(exact
                ? "A saved exact counter's total is not the sum of its counts."
                : "A saved approximate counter is not full, or its total is negative.");
        }

        if (!exact)
        {
            BuildHeap();
        }
    }
}
