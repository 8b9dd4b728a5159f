using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ImportErrorAnalytics.Parsing.Parallel;

/// <summary>
/// Finds where a top-level JSON object ends without parsing it: it follows strings, escapes and braces only, 64 bytes
/// at a time with vector compares and a prefix XOR for the in-string mask (the simdjson stage-1 idea). It does not
/// validate: on valid JSON its end is the parser's end; on invalid JSON the parser, which reads every chunk, reports
/// the error. Its state carries over calls, so the bytes can arrive in any number of pieces.
/// </summary>
internal struct PageSplitter
{
    private const int Block = 64;

    private int _depth;
    private bool _inString;
    private bool _escaped;

    /// <summary>True between the opening brace of a page and its closing brace.</summary>
    public readonly bool InPage => _depth > 0;

    /// <summary>
    /// Objects opened directly inside the page's own braces so far. Every record of <c>results</c> is one, so a page
    /// has at most this many records (whatever the bytes, the parser reads no record the splitter did not count).
    /// </summary>
    public int Children { get; private set; }

    /// <summary>Enters a page: call with the position just after its opening brace.</summary>
    public void StartPage()
    {
        _depth = 1;
        _inString = false;
        _escaped = false;
        Children = 0;
    }

    /// <summary>
    /// Scans <paramref name="data"/> from <paramref name="position"/>. Returns true with <paramref name="position"/>
    /// just after the page's closing brace; false with <paramref name="position"/> at the end of the data.
    /// </summary>
    public bool TryFindEnd(ReadOnlySpan<byte> data, ref int position)
    {
        if (Vector256.IsHardwareAccelerated)
        {
            while (position <= data.Length - Block)
            {
                if (ScanBlock(data, ref position))
                {
                    return true;
                }
            }
        }

        return ScanScalar(data, ref position);
    }

    private bool ScanScalar(ReadOnlySpan<byte> data, ref int position)
    {
        for (var i = position; i < data.Length; i++)
        {
            var b = data[i];
            if (_inString)
            {
                if (_escaped)
                {
                    _escaped = false;
                }
                else if (b == '\\')
                {
                    _escaped = true;
                }
                else if (b == '"')
                {
                    _inString = false;
                }
            }
            else if (b == '"')
            {
                _inString = true;
            }
            else if (b == '{')
            {
                Open();
            }
            else if (b == '}' && --_depth == 0)
            {
                position = i + 1;
                return true;
            }
        }

        position = data.Length;
        return false;
    }

    private bool ScanBlock(ReadOnlySpan<byte> data, ref int position)
    {
        ref var start = ref MemoryMarshal.GetReference(data);
        var low = Vector256.LoadUnsafe(ref start, (nuint)position);
        var high = Vector256.LoadUnsafe(ref start, (nuint)(position + 32));
        var quotes = Mask(low, high, (byte)'"');
        var backslashes = Mask(low, high, (byte)'\\');
        var opens = Mask(low, high, (byte)'{');
        var braces = opens | Mask(low, high, (byte)'}');
        if ((backslashes | (_escaped ? 1UL : 0)) != 0)
        {
            quotes &= ~EscapedBytes(backslashes);
        }

        var inside = PrefixXor(quotes);
        if (_inString)
        {
            inside = ~inside;
        }

        _inString = (long)inside < 0;
        var structural = braces & ~inside;
        while (structural != 0)
        {
            var bit = BitOperations.TrailingZeroCount(structural);
            if (((opens >> bit) & 1) != 0)
            {
                Open();
            }
            else if (--_depth == 0)
            {
                position += bit + 1;
                _inString = false;
                _escaped = false;
                return true;
            }

            structural &= structural - 1;
        }

        position += Block;
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Open()
    {
        if (++_depth == 2)
        {
            Children++;
        }
    }

    /// <summary>The bytes a backslash escapes (a backslash that is itself escaped escapes nothing); rare, so scalar.</summary>
    private ulong EscapedBytes(ulong backslashes)
    {
        var escaped = _escaped ? 1UL : 0;
        var carry = false;
        while (backslashes != 0)
        {
            var bit = BitOperations.TrailingZeroCount(backslashes);
            backslashes &= backslashes - 1;
            if (((escaped >> bit) & 1) != 0)
            {
                continue;
            }

            if (bit == Block - 1)
            {
                carry = true;
            }
            else
            {
                escaped |= 1UL << (bit + 1);
            }
        }

        _escaped = carry;
        return escaped;
    }

    /// <summary>Bit i is the parity of the set bits at positions 0..i: 1 inside a string (from its opening quote).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong PrefixXor(ulong bits)
    {
        bits ^= bits << 1;
        bits ^= bits << 2;
        bits ^= bits << 4;
        bits ^= bits << 8;
        bits ^= bits << 16;
        bits ^= bits << 32;
        return bits;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Mask(Vector256<byte> low, Vector256<byte> high, byte value)
    {
        var target = Vector256.Create(value);
        return Vector256.Equals(low, target).ExtractMostSignificantBits()
            | ((ulong)Vector256.Equals(high, target).ExtractMostSignificantBits() << 32);
    }
}
