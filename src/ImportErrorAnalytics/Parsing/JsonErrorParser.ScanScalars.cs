using System.Buffers;
using System.Text.Json;
using ImportErrorAnalytics.Model;

namespace ImportErrorAnalytics.Parsing;

/// <summary>The record scan's readers of single values: plain strings, digits, integers, booleans, sensitivity levels, masked substrings.</summary>
internal sealed partial class JsonErrorParser
{
    /// <summary>A string without escapes and within the limit (and valid UTF-8 when <paramref name="checkUtf8"/>): its text.</summary>
    private int ScanPlainString(ReadOnlySpan<byte> json, int at, out ReadOnlySpan<byte> text, bool checkUtf8 = true)
    {
        text = default;
        if (json[at] != '"')
        {
            return JsonSpan.Unsure;
        }

        var end = JsonSpan.String(json, at, out var escaped);
        if (end < 0 || escaped)
        {
            return JsonSpan.Unsure;
        }

        text = json[(at + 1)..(end - 1)];
        return text.Length > _maxValueBytes || (checkUtf8 && !IsValidUtf8(text)) ? JsonSpan.Unsure : end;
    }

    /// <summary>
    /// As <see cref="TryDigits"/>: only plain digits, at most <paramref name="maxDigits"/>, and valid JSON (no leading
    /// zero); a fraction or exponent after them is left to the token paths.
    /// </summary>
    private static int ScanDigits(ReadOnlySpan<byte> json, int at, int maxDigits, out long value, out bool has)
    {
        value = 0;
        has = false;
        var end = JsonSpan.Digits(json, at);
        var count = end - at;
        if ((uint)(count - 1) >= (uint)maxDigits || (json[at] == '0' && count > 1)
            || (end < json.Length && (json[end] == '.' || (json[end] | 0x20) == 'e')))
        {
            return JsonSpan.Unsure;
        }

        foreach (var b in json[at..end])
        {
            value = (value * 10) + (b - '0');
        }

        has = true;
        return end;
    }

    private static int ScanInt32(ReadOnlySpan<byte> json, int at, out int value, out bool has)
    {
        var end = ScanDigits(json, at, 9, out var digits, out has);
        value = (int)digits;
        return end;
    }

    private static int ScanBoolean(ReadOnlySpan<byte> json, int at, out bool value)
    {
        value = json[at] == 't';
        return value ? JsonSpan.Literal(json, at, "true"u8) : json[at] == 'f' ? JsonSpan.Literal(json, at, "false"u8) : JsonSpan.Unsure;
    }

    /// <summary>As <see cref="TrySensitivity"/>; an escaped level is left to the token paths.</summary>
    private static int ScanSensitivity(ReadOnlySpan<byte> json, int at, ref byte level)
    {
        if (json[at] != '"')
        {
            return JsonSpan.Unsure;
        }

        var end = JsonSpan.String(json, at, out var escaped);
        if (end < 0 || escaped)
        {
            return JsonSpan.Unsure;
        }

        var text = json[(at + 1)..(end - 1)];
        level = Math.Max(level, RecordSlot.SensitivityOf(text.SequenceEqual("none"u8), text.SequenceEqual("standard"u8)));
        return end;
    }

    /// <summary>As <see cref="TryMaskedSubstrings"/>.</summary>
    private static int ScanMaskedSubstrings(ReadOnlySpan<byte> json, int at, ref bool masked)
    {
        if (json[at] != '{')
        {
            return ScanMaskedList(json, at, ref masked);
        }

        var i = at + 1;
        for (var first = true; ; first = false)
        {
            i = JsonSpan.NextMember(json, i, first, out var end);
            if (i < 0 || end)
            {
                return i;
            }

            i = JsonSpan.MemberName(json, i, out var name, out var escaped);
            if (i < 0 || escaped)
            {
                return JsonSpan.Unsure;
            }

            if (name.SequenceEqual("substrings"u8))
            {
                i = ScanMaskedList(json, i, ref masked);
            }
            else
            {
                masked = true;
                i = JsonSpan.Value(json, i, 2);
            }

            if (i < 0)
            {
                return JsonSpan.Unsure;
            }
        }
    }

    /// <summary>As <see cref="TryMaskedList"/>: null adds nothing, an element or any other value marks the value masked.</summary>
    private static int ScanMaskedList(ReadOnlySpan<byte> json, int at, ref bool masked)
    {
        switch (json[at])
        {
            case (byte)'n':
                return JsonSpan.Literal(json, at, "null"u8);
            case (byte)'[':
                var i = at + 1;
                for (var first = true; ; first = false)
                {
                    i = JsonSpan.NextElement(json, i, first, out var end);
                    if (i < 0 || end)
                    {
                        return i;
                    }

                    masked = true;
                    i = JsonSpan.Value(json, i, 3);
                    if (i < 0)
                    {
                        return JsonSpan.Unsure;
                    }
                }

            default:
                masked = true;
                return JsonSpan.Value(json, at, 2);
        }
    }
}
