using System.Buffers.Binary;
using System.Numerics;

namespace ImportErrorAnalytics.Aggregation.BuiltIn;

/// <summary>
/// Which lines of a file have errors, in memory that grows with the lines seen: up to <see cref="SmallMax"/> lines as a
/// sorted array, then in chunks of 4,096 lines, each a sorted array of offsets while it holds fewer than
/// <see cref="ArrayMax"/> lines (2 bytes a line) and a bitmap of 512 bytes from then on. A file with one failing line
/// costs a few dozen bytes; a million-row file with errors everywhere at most 128 KiB.
/// </summary>
internal sealed partial class LineSet
{
    private const int ChunkBits = 4096;
    private const int WordsPerChunk = ChunkBits / 64;

    /// <summary>The most lines kept in the small form.</summary>
    internal const int SmallMax = 32;

    /// <summary>A chunk holding this many lines becomes a bitmap (which is then no larger than the array).</summary>
    internal const int ArrayMax = 256;

    private int[] _small = [];
    private int _smallCount;
    private Dictionary<int, Chunk>? _chunks;
    private int _lastChunkIndex = -1;
    private Chunk? _lastChunk;

    public void Set(int line)
    {
        if (_chunks is null)
        {
            var at = Array.BinarySearch(_small, 0, _smallCount, line);
            if (at >= 0)
            {
                return;
            }

            if (_smallCount < SmallMax)
            {
                InsertSmall(~at, line);
                return;
            }

            ToChunks();
        }

        ChunkAt(line / ChunkBits).Set(line % ChunkBits);
    }

    public void UnionWith(LineSet other)
    {
        if (other._chunks is null)
        {
            for (var i = 0; i < other._smallCount; i++)
            {
                Set(other._small[i]);
            }

            return;
        }

        if (_chunks is null)
        {
            ToChunks();
        }

        foreach (var (index, chunk) in other._chunks)
        {
            ChunkAt(index).UnionWith(chunk);
        }
    }

    /// <summary>Number of set lines in [<paramref name="first"/>, <paramref name="last"/>].</summary>
    public int CountRange(int first, int last)
    {
        if (first > last)
        {
            return 0;
        }

        if (_chunks is null)
        {
            return LowerBound(_small, _smallCount, (long)last + 1) - LowerBound(_small, _smallCount, first);
        }

        var count = 0;
        for (var chunkIndex = first / ChunkBits; chunkIndex <= last / ChunkBits; chunkIndex++)
        {
            if (_chunks.TryGetValue(chunkIndex, out var chunk))
            {
                var start = Math.Max(first, chunkIndex * ChunkBits) - (chunkIndex * ChunkBits);
                var end = Math.Min(last, (chunkIndex * ChunkBits) + ChunkBits - 1) - (chunkIndex * ChunkBits);
                count += chunk.CountRange(start, end);
            }
        }

        return count;
    }

    /// <summary>The set lines in ascending order.</summary>
    public IEnumerable<int> Ascending()
    {
        if (_chunks is null)
        {
            for (var i = 0; i < _smallCount; i++)
            {
                yield return _small[i];
            }

            yield break;
        }

        var indices = _chunks.Keys.ToArray();
        Array.Sort(indices);
        foreach (var index in indices)
        {
            foreach (var offset in _chunks[index].Offsets())
            {
                yield return (index * ChunkBits) + offset;
            }
        }
    }

    private static int LowerBound(int[] sorted, int count, long value)
    {
        int lo = 0, hi = count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] < value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private void InsertSmall(int at, int line)
    {
        if (_smallCount == _small.Length)
        {
            Array.Resize(ref _small, Math.Min(Math.Max(2, _small.Length * 2), SmallMax));
        }

        Array.Copy(_small, at, _small, at + 1, _smallCount - at);
        _small[at] = line;
        _smallCount++;
    }

    private void ToChunks()
    {
        _chunks = [];
        for (var i = 0; i < _smallCount; i++)
        {
            ChunkAt(_small[i] / ChunkBits).Set(_small[i] % ChunkBits);
        }

        _small = [];
        _smallCount = 0;
    }

    private Chunk ChunkAt(int index)
    {
        if (index == _lastChunkIndex)
        {
            return _lastChunk!;
        }

        if (!_chunks!.TryGetValue(index, out var chunk))
        {
            chunk = new Chunk();
            _chunks.Add(index, chunk);
        }

        _lastChunkIndex = index;
        _lastChunk = chunk;
        return chunk;
    }

    /// <summary>The lines of one chunk, by offset in it: a sorted array, or a bitmap once it holds <see cref="ArrayMax"/>.</summary>
    private sealed class Chunk
    {
        private ushort[] _offsets = [];
        private ulong[]? _bits;

        public int Count { get; private set; }

        public bool IsBitmap => _bits is not null;

        public void Set(int offset)
        {
            if (_bits is not null)
            {
                ref var word = ref _bits[offset >> 6];
                var mask = 1UL << (offset & 63);
                if ((word & mask) == 0)
                {
                    word |= mask;
                    Count++;
                }

                return;
            }

            var at = Array.BinarySearch(_offsets, 0, Count, (ushort)offset);
            if (at >= 0)
            {
                return;
            }

            if (Count + 1 == ArrayMax)
            {
                ToBitmap();
                Set(offset);
                return;
            }

            at = ~at;
            if (Count == _offsets.Length)
            {
                Array.Resize(ref _offsets, Math.Min(Math.Max(2, _offsets.Length * 2), ArrayMax));
            }

            Array.Copy(_offsets, at, _offsets, at + 1, Count - at);
            _offsets[at] = (ushort)offset;
            Count++;
        }

        public void UnionWith(Chunk other)
        {
            if (other._bits is null)
            {
                for (var i = 0; i < other.Count; i++)
                {
                    Set(other._offsets[i]);
                }

                return;
            }

            if (_bits is null)
            {
                ToBitmap();
            }

            var count = 0;
            for (var i = 0; i < WordsPerChunk; i++)
            {
                _bits![i] |= other._bits[i];
                count += BitOperations.PopCount(_bits[i]);
            }

            Count = count;
        }

        public int CountRange(int start, int end)
        {
            if (_bits is null)
            {
                return LowerBound(_offsets, Count, end + 1) - LowerBound(_offsets, Count, start);
            }

            var count = 0;
            for (var bit = start; bit <= end;)
            {
                var word = _bits[bit >> 6] >> (bit & 63);
                var span = Math.Min(64 - (bit & 63), end - bit + 1);
                if (span < 64)
                {
                    word &= (1UL << span) - 1;
                }

                count += BitOperations.PopCount(word);
                bit += span;
            }

            return count;
        }

        /// <summary>The saved form: the offsets as little-endian 16-bit numbers (fewer than <see cref="ArrayMax"/>), or the 512-byte bitmap.</summary>
        public byte[] ToBytes()
        {
            if (_bits is not null && Count >= ArrayMax)
            {
                var bytes = new byte[WordsPerChunk * 8];
                for (var i = 0; i < WordsPerChunk; i++)
                {
                    BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(i * 8), _bits[i]);
                }

                return bytes;
            }

            var offsets = new byte[Count * 2];
            var n = 0;
            foreach (var offset in Offsets())
            {
                BinaryPrimitives.WriteUInt16LittleEndian(offsets.AsSpan(n), (ushort)offset);
                n += 2;
            }

            return offsets;
        }

        /// <summary>Reads <see cref="ToBytes"/>'s form into this chunk (adding to what it holds).</summary>
        /// <exception cref="FormatException">The bytes are neither form.</exception>
        public void AddBytes(ReadOnlySpan<byte> bytes)
        {
            if (bytes.Length == WordsPerChunk * 8)
            {
                var other = new Chunk { _bits = new ulong[WordsPerChunk] };
                for (var i = 0; i < WordsPerChunk; i++)
                {
                    other._bits[i] = BinaryPrimitives.ReadUInt64LittleEndian(bytes[(i * 8)..]);
                    other.Count += BitOperations.PopCount(other._bits[i]);
                }

                UnionWith(other);
                return;
            }

            if (bytes.Length % 2 != 0 || bytes.Length == 0 || bytes.Length / 2 >= ArrayMax)
            {
                throw new FormatException("A saved line chunk is neither a bitmap of 512 bytes nor a list of fewer than 256 offsets.");
            }

            var previous = -1;
            for (var i = 0; i < bytes.Length; i += 2)
            {
                int offset = BinaryPrimitives.ReadUInt16LittleEndian(bytes[i..]);
                if (offset <= previous || offset >= ChunkBits)
                {
                    throw new FormatException("A saved line chunk's offsets are not increasing, or not below 4,096.");
                }

                Set(offset);
                previous = offset;
            }
        }

        public IEnumerable<int> Offsets()
        {
            if (_bits is null)
            {
                for (var i = 0; i < Count; i++)
                {
                    yield return _offsets[i];
                }

                yield break;
            }

            for (var i = 0; i < WordsPerChunk; i++)
            {
                var word = _bits[i];
                while (word != 0)
                {
                    yield return (i * 64) + BitOperations.TrailingZeroCount(word);
                    word &= word - 1;
                }
            }
        }

        private void ToBitmap()
        {
            _bits = new ulong[WordsPerChunk];
            for (var i = 0; i < Count; i++)
            {
                _bits[_offsets[i] >> 6] |= 1UL << (_offsets[i] & 63);
            }

            _offsets = [];
        }

        private static int LowerBound(ushort[] sorted, int count, int value)
        {
            int lo = 0, hi = count;
            while (lo < hi)
            {
                var mid = (lo + hi) >>> 1;
                if (sorted[mid] < value)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid;
                }
            }

            return lo;
        }
    }
}
