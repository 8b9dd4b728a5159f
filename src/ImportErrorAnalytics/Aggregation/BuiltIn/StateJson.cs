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

    /// <summary>A table for the names of a state being read: its own, holding what the saved form holds.</summary>
    public static NameTable ReadingTable(NameSeed seed) => NameTable.Unbounded(seed);

    /// <summary>
    /// Writes the counts as <c>[name, count]</c> pairs (names as text: ids differ from run to run), in id order, and the
    /// bucket of other names, when it counted any, as the number <paramref name="otherProperty"/>.
    /// </summary>
    public static void WriteNameCounts(Utf8JsonWriter writer, string property, string otherProperty, NameCounts counts)
    {
        var entries = counts.Entries();
        entries.Sort(static (a, b) => a.Id.CompareTo(b.Id));
        long other = 0;
        writer.WriteStartArray(property);
        foreach (var (id, count) in entries)
        {
            if (id == counts.Table!.OtherId)
            {
                other = count;
                continue;
            }

            writer.WriteStartArray();
            writer.WriteStringValue(counts.Table[id]);
            writer.WriteNumberValue(count);
            writer.WriteEndArray();
        }

        writer.WriteEndArray();
        if (other != 0)
        {
            writer.WriteNumber(otherProperty, other);
        }
    }

    /// <summary>
    /// Reads what <see cref="WriteNameCounts"/> wrote in <paramref name="json"/> into the empty <paramref name="into"/>,
    /// numbering names in <paramref name="table"/>.
    /// </summary>
    /// <exception cref="FormatException">
    /// A pair is malformed, a name comes twice, a count is not positive, or more undocumented names than the state's
    /// limit have counts of their own.
    /// </exception>
    public static void ReadNameCounts(JsonElement json, string property, string otherProperty, NameTable table, NameCounts into)
    {
        into.BindTo(table);
        foreach (var pair in Get(json, property).EnumerateArray())
        {
            if (pair.ValueKind != JsonValueKind.Array || pair.GetArrayLength() != 2)
            {
                throw new FormatException($"A saved name count in '{property}' is not a [name, count] pair.");
            }

            var name = pair[0].ValueKind == JsonValueKind.Null ? null : pair[0].GetString();
            var id = name is null ? 0 : table.GetOrAdd(System.Text.Encoding.UTF8.GetBytes(name));
            var count = pair[1].GetInt64();
            if (count < 1 || into[id] != 0)
            {
                throw new FormatException($"'{property}' holds a count that is not positive, or a name twice.");
            }

            into.AddCount(id, count);
        }

        if (json.TryGetProperty(otherProperty, out var other))
        {
            var count = other.GetInt64();
            if (count < 1)
            {
                throw new FormatException($"'{otherProperty}' is not positive.");
            }

            into.AddCount(table.OtherId, count);
        }

        if (into.UnknownNames() > into.MaxUnknown)
        {
            throw new FormatException(
                $"'{property}' holds {into.UnknownNames()} names not in HubSpot's list, more than the limit of {into.MaxUnknown} distinct keys it was made with.");
        }
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
