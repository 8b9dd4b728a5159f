using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;

namespace ImportErrorAnalytics.Model;

/// <summary>A fast, per-process seeded hash of a byte span (not cryptographic).</summary>
internal static class ByteHash
{
    private const ulong Prime1 = 0x9E3779B185EBCA87UL;
    private const ulong Prime2 = 0xC2B2AE3D27D4EB4FUL;
    private static readonly ulong Seed = (ulong)Random.Shared.NextInt64() | 1UL;

    public static int Compute(ReadOnlySpan<byte> data)
    {
        var h = Seed ^ ((ulong)data.Length * Prime1);
        var longs = MemoryMarshal.Cast<byte, ulong>(data);
        foreach (var chunk in longs)
        {
            h = BitOperations.RotateLeft(h ^ (chunk * Prime2), 31) * Prime1;
        }

        var rest = data.Length & 7;
        if (rest != 0)
        {
            // The last 8 bytes (overlapping the words above) or, for a short span, its bytes: no copy, no branch per byte.
            var last = data.Length >= 8
                ? BinaryPrimitives.ReadUInt64LittleEndian(data[^8..])
                : Short(data);
            h = BitOperations.RotateLeft(h ^ (last * Prime2), 31) * Prime1;
        }

        h ^= h >> 29;
        h *= Prime2;
        h ^= h >> 32;
        return (int)h;
    }

    private static ulong Short(ReadOnlySpan<byte> data)
    {
        if (data.Length >= 4)
        {
            return BinaryPrimitives.ReadUInt32LittleEndian(data) | ((ulong)BinaryPrimitives.ReadUInt32LittleEndian(data[^4..]) << 32);
        }

        ulong value = 0;
        foreach (var b in data)
        {
            value = (value << 8) | b;
        }

        return value;
    }
}
