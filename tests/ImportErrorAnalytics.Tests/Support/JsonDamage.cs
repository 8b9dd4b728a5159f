using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ImportErrorAnalytics.Tests.Support;

/// <summary>
/// Damage to JSON as a broken server, proxy, disk or forger would do it: a value of the wrong shape at any position
/// (the root included), or bytes flipped, replaced, inserted, deleted and cut.
/// </summary>
internal static class JsonDamage
{
    private static readonly string[] Replacements =
    [
        "[]", "[1,\"x\",null]", "{}", "{\"a\":{\"b\":[]}}", "0", "-1", "1e300", "12.5", "9223372036854775808", "\"\"", "\"x\"",
        "\"\\u0000\\n\"", "null", "true", "false",
    ];

    /// <summary>Either kind of damage, chosen by <paramref name="random"/>.</summary>
    public static byte[] Any(byte[] json, Random random) => random.Next(2) == 0 ? WrongShape(json, random) : Bytes(json, random);

    /// <summary>
    /// One value (the root, an array element or a property's value) replaced by a value of another kind; bytes that are
    /// not JSON get <see cref="Bytes"/> damage instead.
    /// </summary>
    public static byte[] WrongShape(byte[] json, Random random)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            return Bytes(json, random);
        }

        var places = new List<(JsonNode? Parent, string? Name, int Index, JsonValueKind Kind)> { (null, null, -1, root?.GetValueKind() ?? JsonValueKind.Null) };
        Collect(root, places);
        var (parent, name, index, kind) = places[random.Next(places.Count)];
        var replacement = Replacement(kind, random);
        if (parent is null)
        {
            return Encoding.UTF8.GetBytes(replacement);
        }

        var value = JsonNode.Parse(replacement);
        if (parent is JsonObject obj)
        {
            obj[name!] = value;
        }
        else
        {
            ((JsonArray)parent)[index] = value;
        }

        return Encoding.UTF8.GetBytes(root!.ToJsonString());
    }

    /// <summary>A byte flipped, replaced, inserted or deleted, a run deleted, or the end cut off.</summary>
    public static byte[] Bytes(byte[] bytes, Random random)
    {
        if (bytes.Length == 0)
        {
            return [(byte)"{[\"0"[random.Next(4)]];
        }

        var at = random.Next(bytes.Length);
        var list = bytes.ToList();
        switch (random.Next(6))
        {
            case 0:
                list[at] ^= (byte)(1 << random.Next(8));
                break;
            case 1:
                list[at] = (byte)random.Next(256);
                break;
            case 2:
                list.Insert(at, (byte)"{}[]\",:0 9-e\n\\"[random.Next(14)]);
                break;
            case 3:
                list.RemoveAt(at);
                break;
            case 4:
                list.RemoveRange(at, Math.Min(list.Count - at, 1 + random.Next(40)));
                break;
            default:
                return bytes[..at];
        }

        return [.. list];
    }

    /// <summary>Any JSON value at all, of any shape: what a server could answer instead of an object.</summary>
    public static byte[] AnyValue(Random random) => Encoding.UTF8.GetBytes(Replacements[random.Next(Replacements.Length)]);

    private static string Replacement(JsonValueKind kind, Random random)
    {
        while (true)
        {
            var candidate = Replacements[random.Next(Replacements.Length)];
            if (JsonNode.Parse(candidate)?.GetValueKind() is var other && Kind(other ?? JsonValueKind.Null) != Kind(kind))
            {
                return candidate;
            }
        }
    }

    private static JsonValueKind Kind(JsonValueKind kind) => kind == JsonValueKind.False ? JsonValueKind.True : kind;

    private static void Collect(JsonNode? node, List<(JsonNode? Parent, string? Name, int Index, JsonValueKind Kind)> places)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj)
                {
                    places.Add((obj, name, -1, child?.GetValueKind() ?? JsonValueKind.Null));
                    Collect(child, places);
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    places.Add((array, null, i, array[i]?.GetValueKind() ?? JsonValueKind.Null));
                    Collect(array[i], places);
                }

                break;
        }
    }
}
