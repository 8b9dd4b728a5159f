using System.Buffers;
using System.Numerics;
using System.Runtime.Intrinsics;
using System.Text;

namespace ImportErrorAnalytics.Parsing;

/// <summary>JsonSpan's literals, numbers and digits.</summary>
internal static partial class JsonSpan
{
    /// <summary>A literal (<c>true</c>, <c>false</c>, <c>null</c>) at <paramref name="at"/>: the index past it, or <see cref="Unsure"/>.</summary>
    public static int Literal(ReadOnlySpan<byte> json, int at, ReadOnlySpan<byte> literal) =>
        json[at..].StartsWith(literal) ? at + literal.Length : Unsure;

    /// <summary>
    /// A number in JSON's grammar (<c>-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?</c>) at <paramref name="at"/>:
    /// the index past it, or <see cref="Unsure"/>.
    /// </summary>
    public static int Number(ReadOnlySpan<byte> json, int at)
    {
        var i = at;
        if (json[i] == '-')
        {
            i++;
        }

        if (i >= json.Length)
        {
            return Unsure;
        }

        if (json[i] == '0')
        {
            i++;
        }
        else if (IsDigit(json[i]))
        {
            i = Digits(json, i + 1);
        }
        else
        {
            return Unsure;
        }

        if (i < json.Length && json[i] == '.')
        {
            var start = i + 1;
            i = Digits(json, start);
            if (i == start)
            {
                return Unsure;
            }
        }

        if (i < json.Length && (json[i] | 0x20) == 'e')
        {
            i++;
            if (i < json.Length && json[i] is (byte)'+' or (byte)'-')
            {
                i++;
            }

            var start = i;
            i = Digits(json, start);
            if (i == start)
            {
                return Unsure;
            }
        }

        return i;
    }

    /// <summary>The index of the first byte at or after <paramref name="at"/> that is not a decimal digit.</summary>
    public static int Digits(ReadOnlySpan<byte> json, int at)
    {
        while ((uint)at < (uint)json.Length && IsDigit(json[at]))
        {
            at++;
        }

        return at;
    }

    public static bool IsDigit(byte b) => (uint)(b - '0') <= 9;

    private static int Hex4(ReadOnlySpan<byte> json, int at) =>
        (HexValue(json[at]) << 12) | (HexValue(json[at + 1]) << 8) | (HexValue(json[at + 2]) << 4) | HexValue(json[at + 3]);

    private static int HexValue(byte b) => IsDigit(b) ? b - '0' : (b | 0x20) - 'a' + 10;

    private static bool IsHex(byte b) => IsDigit(b) || (uint)((b | 0x20) - 'a') <= 'f' - 'a';

    private static int Object(ReadOnlySpan<byte> json, int at, int nesting)
    {
        if (nesting > MaxNesting)
        {
            return Unsure;
        }

        var i = at + 1;
        for (var first = true; ; first = false)
        {
            i = NextMember(json, i, first, out var end);
            if (i < 0 || end)
            {
                return i;
            }

            i = MemberName(json, i, out _, out _);
            i = i < 0 ? Unsure : Value(json, i, nesting);
            if (i < 0)
            {
                return Unsure;
            }
        }
    }

    private static int Array(ReadOnlySpan<byte> json, int at, int nesting)
    {
        if (nesting > MaxNesting)
        {
            return Unsure;
        }

        var i = at + 1;
        for (var first = true; ; first = false)
        {
            i = NextElement(json, i, first, out var end);
            if (i < 0 || end)
            {
                return i;
            }

            i = Value(json, i, nesting);
            if (i < 0)
            {
                return Unsure;
            }
        }
    }
}
