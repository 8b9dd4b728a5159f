using System.Numerics;

namespace ImportErrorAnalytics.Aggregation.BuiltIn;

/// <summary>
/// Which lines of a file have errors: one bit per line, in chunks of 4,096 lines allocated on first use
/// (at most 128 KiB for a file of a million rows, however many errors it has).
/// </summary>
internal sealed class LineBitset
{
    private const int ChunkBits = 4096;
    private const int WordsPerChunk = ChunkBits / 64;

    private readonly Dictionary<int, ulong[]> _chunks = [];
    private int _lastChunkIndex = -1;
    private ulong[]? _lastChunk;

    public void Set(int line)
    {
        var chunk = Chunk(line / ChunkBits);
        var bit = line % ChunkBits;
        chunk[bit >> 6] |= 1UL << (bit & 63);
    }

    public void UnionWith(LineBitset other)
    {
        foreach (var (index, words) in other._chunks)
        {
            var chunk = Chunk(index);
            for (var i = 0; i < WordsPerChunk; i++)
            {
                chunk[i] |= words[i];
            }
        }
    }

    /// <summary>Number of set lines in [<paramref name="first"/>, <paramref name="last"/>].</summary>
    public int CountRange(int first, int last)
    {
        var count = 0;
        for (var chunkIndex = first / ChunkBits; chunkIndex <= last / ChunkBits; chunkIndex++)
        {
            if (!_chunks.TryGetValue(chunkIndex, out var words))
            {
                continue;
            }

            var start = Math.Max(first, chunkIndex * ChunkBits) - (chunkIndex * ChunkBits);
            var end = Math.Min(last, (chunkIndex * ChunkBits) + ChunkBits - 1) - (chunkIndex * ChunkBits);
            for (var bit = start; bit <= end;)
            {
                var word = words[bit >> 6] >> (bit & 63);
                var span = Math.Min(64 - (bit & 63), end - bit + 1);
                if (span < 64)
                {
                    word &= (1UL << span) - 1;
                }

                count += BitOperations.PopCount(word);
                bit += span;
            }
        }

        return count;
    }

    /// <summary>The set lines in ascending order.</summary>
    public IEnumerable<int> Ascending()
    {
        var indices = _chunks.Keys.ToArray();
        Array.Sort(indices);
        foreach (var index in indices)
        {
            var words = _chunks[index];
            for (var w = 0; w < WordsPerChunk; w++)
            {
                for (var word = words[w]; word != 0; word &= word - 1)
                {
                    yield return (index * ChunkBits) + (w * 64) + BitOperations.TrailingZeroCount(word);
                }
            }
        }
    }

    /// <summary>Writes the chunks as <c>{"index": base64 of 512 bytes}</c>.</summary>
    public void WriteTo(System.Text.Json.Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        foreach (var (index, words) in _chunks)
        {
            writer.WriteBase64String(index.ToString(System.Globalization.CultureInfo.InvariantCulture), System.Runtime.InteropServices.MemoryMarshal.AsBytes(words.AsSpan()));
        }

        writer.WriteEndObject();
    }

    public void ReadFrom(System.Text.Json.JsonElement json)
    {
        foreach (var chunk in json.EnumerateObject())
        {
            var bytes = chunk.Value.GetBytesFromBase64();
            if (bytes.Length != WordsPerChunk * 8 || !int.TryParse(chunk.Name, System.Globalization.CultureInfo.InvariantCulture, out var index) || index < 0 || index > int.MaxValue / ChunkBits)
            {
                throw new FormatException("A saved line bitmap chunk is malformed.");
            }

            var words = Chunk(index);
            var saved = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ulong>(bytes);
            for (var i = 0; i < WordsPerChunk; i++)
            {
                words[i] |= saved[i];
            }
        }
    }

    private ulong[] Chunk(int index)
    {
        if (index == _lastChunkIndex)
        {
            return _lastChunk!;
        }

        if (!_chunks.TryGetValue(index, out var chunk))
        {
            chunk = new ulong[WordsPerChunk];
            _chunks.Add(index, chunk);
        }

        _lastChunkIndex = index;
        _lastChunk = chunk;
        return chunk;
    }
}
