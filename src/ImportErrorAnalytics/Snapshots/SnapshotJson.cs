using System.Text.Json;

namespace ImportErrorAnalytics.Snapshots;

/// <summary>Typed reads of a snapshot's JSON that fail with a <see cref="FormatException"/> naming the field.</summary>
internal static class SnapshotJson
{
    public static JsonElement Property(JsonElement parent, string name, JsonValueKind kind)
    {
        if (parent.ValueKind != JsonValueKind.Object || !parent.TryGetProperty(name, out var value))
        {
            throw new FormatException($"'{name}' is missing.");
        }

        return value.ValueKind == kind ? value : throw new FormatException($"'{name}' must be {Describe(kind)}, not {Describe(value.ValueKind)}.");
    }

    public static long Long(JsonElement parent, string name, long minimum = 0)
    {
        var value = Property(parent, name, JsonValueKind.Number);
        return value.TryGetInt64(out var number) && number >= minimum
            ? number
            : throw new FormatException($"'{name}' must be a whole number of at least {minimum}.");
    }

    public static int Int(JsonElement parent, string name, int minimum = 0)
    {
        var value = Long(parent, name, minimum);
        return value <= int.MaxValue ? (int)value : throw new FormatException($"'{name}' is too large.");
    }

    public static int? NullableInt(JsonElement parent, string name, int minimum = 0) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Null
            ? null
            : Int(parent, name, minimum);

    public static bool Bool(JsonElement parent, string name)
    {
        if (parent.ValueKind != JsonValueKind.Object || !parent.TryGetProperty(name, out var value))
        {
            throw new FormatException($"'{name}' is missing.");
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new FormatException($"'{name}' must be a boolean, not {Describe(value.ValueKind)}."),
        };
    }

    public static string String(JsonElement value, string what) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : throw new FormatException($"{what} must be a string, not {Describe(value.ValueKind)}.");

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "absent",
    };
}
