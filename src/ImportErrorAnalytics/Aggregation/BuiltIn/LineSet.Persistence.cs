using System.Globalization;
using System.Text.Json;

namespace ImportErrorAnalytics.Aggregation.BuiltIn;

/// <summary>
/// The saved form: <c>{"chunk index": base64}</c>, each chunk of 4,096 lines as its offsets (2 bytes each, fewer than
/// 256 of them) or as its 512-byte bitmap, whichever is smaller. Reading builds what the bytes hold: memory follows the
/// saved form's size.
/// </summary>
internal sealed partial class LineSet
{
    public void WriteTo(Utf8JsonWriter writer)
    {
        var chunks = new SortedDictionary<int, Chunk>();
        if (_chunks is null)
        {
            for (var i = 0; i < _smallCount; i++)
            {
                var index = _small[i] / ChunkBits;
                if (!chunks.TryGetValue(index, out var chunk))
                {
                    chunks.Add(index, chunk = new Chunk());
                }

                chunk.Set(_small[i] % ChunkBits);
            }
        }
        else
        {
            foreach (var (index, chunk) in _chunks)
            {
                chunks.Add(index, chunk);
            }
        }

        writer.WriteStartObject();
        foreach (var (index, chunk) in chunks)
        {
            writer.WriteBase64String(index.ToString(CultureInfo.InvariantCulture), chunk.ToBytes());
        }

        writer.WriteEndObject();
    }

    /// <exception cref="FormatException">A chunk's index or bytes are malformed.</exception>
    public void ReadFrom(JsonElement json)
    {
        foreach (var saved in json.EnumerateObject())
        {
            if (!int.TryParse(saved.Name, NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index > int.MaxValue / ChunkBits)
            {
                throw new FormatException("A saved line chunk's index is not a number of 0 to 524,287.");
            }

            if (_chunks is null)
            {
                ToChunks();
            }

            ChunkAt(index).AddBytes(saved.Value.GetBytesFromBase64());
        }
    }
}
