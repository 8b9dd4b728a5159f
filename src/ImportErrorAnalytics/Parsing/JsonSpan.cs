using System.Buffers;
using System.Numerics;
using System.Runtime.Intrinsics;
using System.Text;

namespace ImportErrorAnalytics.Parsing;

/// <summary>
/// Validating skips over JSON held in one span, without tokenizing: the fast path's way past the subtrees no
/// aggregator reads (<c>rowData</c>, most of <c>invalidPropertyValue</c>, <c>errorMessage</c>, unknown fields).
/// Every method is sound against <see cref="System.Text.Json.Utf8JsonReader"/> with the parser's options (no
/// comments, no trailing commas): what it accepts, the reader accepts as the same tokens. It is not complete: it
/// answers <see cref="Unsure"/> (-1) for anything it does not prove valid (invalid JSON, but also nesting deeper than
/// <see cref="MaxNesting"/> or a value cut off by the end of the span), and the caller then leaves the bytes to the
/// reader, which alone judges malformed input. Offsets are indexes into the span.
/// </summary>
internal static partial class JsonSpan
{
    /// <summary>Not proven valid: leave the bytes to the reader.</summary>
    public const int Unsure = -1;

    /// <summary>
    /// The deepest nesting skipped here, relative to the skipped value: far below the reader's 256, so anything the
    /// skip accepts is within the reader's depth limit too.
    /// </summary>
    public const int MaxNesting = 64;

    /// <summary>What ends the plain run of a string: its closing quote, an escape, or a control character (invalid in JSON).</summary>
    private static readonly SearchValues<byte> StringStops = SearchValues.Create(
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, (byte)'"', (byte)'\\']);

    /// <summary>The index of the first byte at or after <paramref name="at"/> that is not JSON whitespace.</summary>
    public static int SkipWhitespace(ReadOnlySpan<byte> json, int at)
    {
        while ((uint)at < (uint)json.Length && json[at] is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t')
        {
            at++;
        }

        return at;
    }

    /// <summary>
    /// The string whose opening quote is at <paramref name="at"/>: the index just past its closing quote, or
    /// <see cref="Unsure"/> (a control character, an invalid escape, or no closing quote in the span). The bytes of a
    /// string are not checked for UTF-8 here (the reader does not check them either, until a value is read as text).
    /// </summary>
    /// <param name="json">The bytes.</param>
    /// <param name="at">The opening quote.</param>
    /// <param name="escaped">Whether the string holds an escape.</param>
    public static int String(ReadOnlySpan<byte> json, int at, out bool escaped)
    {
        escaped = false;
        var i = at + 1;
        while (true)
        {
            var run = StringRun(json, i);
            if (run < 0)
            {
                return Unsure;
            }

            i += run;
            var b = json[i];
            if (b == '"')
            {
                return i + 1;
            }

            if (b != '\\' || i + 1 >= json.Length)
            {
                return Unsure;
            }

            escaped = true;
            var e = json[i + 1];
            if (e == 'u')
            {
                if (i + 5 >= json.Length || !IsHex(json[i + 2]) || !IsHex(json[i + 3]) || !IsHex(json[i + 4]) || !IsHex(json[i + 5]))
                {
                    return Unsure;
                }

                i += 6;
            }
            else if (e is (byte)'"' or (byte)'\\' or (byte)'/' or (byte)'b' or (byte)'f' or (byte)'n' or (byte)'r' or (byte)'t')
            {
                i += 2;
            }
            else
            {
                return Unsure;
            }
        }
    }

    /// <summary>
    /// The length of the plain run of string bytes at <paramref name="at"/> (up to a quote, a backslash or a control
    /// character), or -1 when the span ends first. The strings of a record are short: one vector of 32 bytes (or 16)
    /// usually holds the end, compared in place; longer runs go to the framework's vectorised search.
    /// </summary>
    private static int StringRun(ReadOnlySpan<byte> json, int at)
    {
        if (Vector256.IsHardwareAccelerated && at + Vector256<byte>.Count <= json.Length)
        {
            var bytes = Vector256.Create(json.Slice(at, Vector256<byte>.Count));
            var stops = Vector256.Equals(bytes, Vector256.Create((byte)'"'))
                | Vector256.Equals(bytes, Vector256.Create((byte)'\\'))
                | Vector256.LessThan(bytes, Vector256.Create((byte)0x20));
            var mask = stops.ExtractMostSignificantBits();
            if (mask != 0)
            {
                return BitOperations.TrailingZeroCount(mask);
            }
        }
        else if (Vector128.IsHardwareAccelerated && at + Vector128<byte>.Count <= json.Length)
        {
            var bytes = Vector128.Create(json.Slice(at, Vector128<byte>.Count));
            var stops = Vector128.Equals(bytes, Vector128.Create((byte)'"'))
                | Vector128.Equals(bytes, Vector128.Create((byte)'\\'))
                | Vector128.LessThan(bytes, Vector128.Create((byte)0x20));
            var mask = stops.ExtractMostSignificantBits();
            if (mask != 0)
            {
                return BitOperations.TrailingZeroCount(mask);
            }
        }

        return json[at..].IndexOfAny(StringStops);
    }

    /// <summary>
    /// Writes the text of a string's body (between its quotes, its escapes already proven valid by <see cref="String"/>)
    /// to <paramref name="target"/> (at least as long as the body), escapes replaced by the UTF-8 of what they stand
    /// for, as the reader's <c>CopyString</c> writes it: the bytes written, or <see cref="Unsure"/> for an escaped
    /// surrogate that is not half of a pair (the reader refuses to transcode it).
    /// </summary>
    public static int Unescape(ReadOnlySpan<byte> body, Span<byte> target)
    {
        var written = 0;
        var i = 0;
        while (true)
        {
            var escape = body[i..].IndexOf((byte)'\\');
            if (escape < 0)
            {
                body[i..].CopyTo(target[written..]);
                return written + body.Length - i;
            }

            body.Slice(i, escape).CopyTo(target[written..]);
            written += escape;
            i += escape;
            var e = body[i + 1];
            if (e != 'u')
            {
                target[written++] = e switch
                {
                    (byte)'b' => (byte)'\b',
                    (byte)'f' => (byte)'\f',
                    (byte)'n' => (byte)'\n',
                    (byte)'r' => (byte)'\r',
                    (byte)'t' => (byte)'\t',
                    _ => e,
                };
                i += 2;
                continue;
            }

            var unit = Hex4(body, i + 2);
            i += 6;
            if (unit is >= 0xD800 and <= 0xDFFF)
            {
                if (unit >= 0xDC00 || i + 6 > body.Length || body[i] != '\\' || body[i + 1] != 'u')
                {
                    return Unsure;
                }

                var low = Hex4(body, i + 2);
                if (low is < 0xDC00 or > 0xDFFF)
                {
                    return Unsure;
                }

                i += 6;
                unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
            }

            written += new Rune(unit).EncodeToUtf8(target[written..]);
        }
    }

    /// <summary>
    /// The value that begins at <paramref name="at"/> (no whitespace before it): the index just past it, or
    /// <see cref="Unsure"/>. What follows a number or literal is not checked here: the caller's next step (a comma or
    /// closing bracket after optional whitespace) is what proves it ended.
    /// </summary>
    public static int Value(ReadOnlySpan<byte> json, int at, int nesting = 0)
    {
        if ((uint)at >= (uint)json.Length)
        {
            return Unsure;
        }

        return json[at] switch
        {
            (byte)'"' => String(json, at, out _),
            (byte)'{' => Object(json, at, nesting + 1),
            (byte)'[' => Array(json, at, nesting + 1),
            (byte)'t' => Literal(json, at, "true"u8),
            (byte)'f' => Literal(json, at, "false"u8),
            (byte)'n' => Literal(json, at, "null"u8),
            _ => Number(json, at),
        };
    }

    /// <summary>
    /// The index of the next member's name (its opening quote), or just past the object's closing brace
    /// (<paramref name="end"/>), after a member's value or the opening brace (<paramref name="first"/>); or <see cref="Unsure"/>.
    /// </summary>
    public static int NextMember(ReadOnlySpan<byte> json, int at, bool first, out bool end)
    {
        var i = Next(json, at, first, (byte)'}', out end);
        return i < 0 || end || json[i] == '"' ? i : Unsure;
    }

    /// <summary>
    /// The member whose name's opening quote is at <paramref name="at"/>: its unescaped name and the index of its value
    /// (past the colon and whitespace), or <see cref="Unsure"/>. An escaped name (<paramref name="escaped"/>) is given
    /// as written, escapes and all: not for matching.
    /// </summary>
    public static int MemberName(ReadOnlySpan<byte> json, int at, out ReadOnlySpan<byte> name, out bool escaped)
    {
        name = default;
        var close = String(json, at, out escaped);
        if (close < 0)
        {
            return Unsure;
        }

        name = json[(at + 1)..(close - 1)];
        var i = SkipWhitespace(json, close);
        if (i >= json.Length || json[i] != ':')
        {
            return Unsure;
        }

        i = SkipWhitespace(json, i + 1);
        return i < json.Length ? i : Unsure;
    }

    /// <summary>
    /// The index of the next element of an array, or just past its closing bracket (<paramref name="end"/>), after an
    /// element or the opening bracket (<paramref name="first"/>); or <see cref="Unsure"/>.
    /// </summary>
    public static int NextElement(ReadOnlySpan<byte> json, int at, bool first, out bool end) => Next(json, at, first, (byte)']', out end);

    /// <summary>
    /// What follows a member or element (or the opening bracket, <paramref name="first"/>) of an object or array that
    /// <paramref name="close"/> ends: the index of the next one past its comma, or just past <paramref name="close"/>
    /// (<paramref name="end"/>); or <see cref="Unsure"/>.
    /// </summary>
    private static int Next(ReadOnlySpan<byte> json, int at, bool first, byte close, out bool end)
    {
        end = false;
        var i = SkipWhitespace(json, at);
        if (i >= json.Length)
        {
            return Unsure;
        }

        if (json[i] == close)
        {
            end = true;
            return i + 1;
        }

        if (!first)
        {
            if (json[i] != ',')
            {
                return Unsure;
            }

            i = SkipWhitespace(json, i + 1);
        }

        return i < json.Length ? i : Unsure;
    }
}
