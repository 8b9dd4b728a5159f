using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;

namespace ImportErrorAnalytics.Orleans.Tests.Support;

/// <summary>
/// Grain state for every silo of an in-process cluster, kept outside the silos: it survives a killed silo as a
/// database would (Orleans' memory storage keeps state in grains, which die with their silo). Entries are the
/// serialized bytes each write stored, with an etag.
/// </summary>
internal sealed class SharedGrainStore
{
    private readonly ConcurrentDictionary<string, (byte[] Data, string ETag)> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<byte[]> _written = new();
    private long _version;

    public (byte[] Data, string ETag)? Read(string key) => _entries.TryGetValue(key, out var entry) ? entry : null;

    /// <summary>Stores when <paramref name="etag"/> is the stored one (or both are none); returns the new etag, or null on a conflict.</summary>
    public string? Write(string key, byte[] data, string? etag)
    {
        lock (_entries)
        {
            var stored = _entries.TryGetValue(key, out var entry) ? entry.ETag : null;
            if (!string.Equals(stored, etag, StringComparison.Ordinal))
            {
                return null;
            }

            var next = Interlocked.Increment(ref _version).ToString(System.Globalization.CultureInfo.InvariantCulture);
            _entries[key] = (data, next);
            _written.Enqueue(data);
            return next;
        }
    }

    public void Clear(string key)
    {
        lock (_entries)
        {
            _entries.TryRemove(key, out _);
        }
    }

    public IReadOnlyList<string> Keys => _entries.Keys.ToArray();

    /// <summary>
    /// Every write ever stored, as text, and every base64 string inside it decoded (byte arrays such as checkpoints
    /// and snapshots are stored that way), recursively: what a token search must look through.
    /// </summary>
    public IReadOnlyList<string> Texts()
    {
        var texts = new List<string>();
        foreach (var data in _written)
        {
            AddText(Encoding.UTF8.GetString(data), texts, depth: 0);
        }

        return texts;
    }

    private static void AddText(string text, List<string> texts, int depth)
    {
        texts.Add(text);
        if (depth > 3)
        {
            return;
        }

        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(text);
        }
        catch (JsonException)
        {
            return;
        }

        using (json)
        {
            foreach (var value in Strings(json.RootElement))
            {
                var buffer = new byte[value.Length];
                if (value.Length >= 8 && Convert.TryFromBase64String(value, buffer, out var length))
                {
                    AddText(Encoding.UTF8.GetString(buffer, 0, length), texts, depth + 1);
                }
            }
        }
    }

    private static IEnumerable<string> Strings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.Object => element.EnumerateObject().SelectMany(property => Strings(property.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Strings),
        _ => [],
    };
}
