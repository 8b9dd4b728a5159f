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

        var tail = data[(longs.Length * 8)..];
        if (!tail.IsEmpty)
        {
            Span<byte> last = stackalloc byte[8];
            last.Clear();
            tail.CopyTo(last);
            h = BitOperations.RotateLeft(h ^ (BinaryPrimitives.ReadUInt64LittleEndian(last) * Prime2), 31) * Prime1;
        }

        h ^= h >> 29;
        h *= Prime2;
        h ^= h >> 32;
        return (int)h;
    }
}
