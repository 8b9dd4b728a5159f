using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using ImportErrorAnalytics.Model;

namespace ImportErrorAnalytics.Parsing;

/// <summary>The token paths' checks and stores of string values: size limits, UTF-8 validity, the arena, interned names.</summary>
internal sealed partial class JsonErrorParser
{
    private void CheckSize(ref Utf8JsonReader reader)
    {
        if (reader.HasValueSequence ? reader.ValueSequence.Length > _maxValueBytes : reader.ValueSpan.Length > _maxValueBytes)
        {
            ThrowTooLargeValue(ref reader);
        }
    }

    private ImportErrorFormatException TooLargeValue(ref Utf8JsonReader reader)
    {
        var raw = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        return Fail(BaseOffset + reader.TokenStartIndex, $"a value of {raw} bytes exceeds the maximum of {_maxValueBytes} bytes.", exceedsLimit: true);
    }

    private void StoreString(ref Utf8JsonReader reader, out int offset, out int length)
    {
        CheckSize(ref reader);
        if (!TryAppendString(ref reader, out offset, out length))
        {
            ThrowInvalidUtf8(ref reader);
        }
    }

    /// <summary>
    /// Appends the string token's text to the page's arena (unescaped). False, with nothing appended, when it is larger
    /// than the limit or is unescaped and not valid UTF-8; the reader validates an escaped one as it unescapes it.
    /// </summary>
    private bool TryAppendString(ref Utf8JsonReader reader, out int offset, out int length)
    {
        var page = _page!;
        if (!reader.ValueIsEscaped && !reader.HasValueSequence)
        {
            var span = reader.ValueSpan;
            if (span.Length > _maxValueBytes || !IsValidUtf8(span))
            {
                offset = 0;
                length = 0;
                return false;
            }

            offset = page.Append(span);
            length = span.Length;
            return true;
        }

        var raw = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (raw > _maxValueBytes)
        {
            offset = 0;
            length = 0;
            return false;
        }

        var target = page.Reserve((int)raw, out offset);
        length = reader.CopyString(target);
        page.Advance(length);
        return true;
    }

    /// <summary>UTF-8 validity, with the common all-ASCII case first: cheaper on the short strings records hold.</summary>
    private static bool IsValidUtf8(ReadOnlySpan<byte> span) => Ascii.IsValid(span) || Utf8.IsValid(span);

    private void CheckUtf8(ref Utf8JsonReader reader, ReadOnlySpan<byte> span)
    {
        if (!IsValidUtf8(span))
        {
            ThrowInvalidUtf8(ref reader);
        }
    }

    private int Intern(ref Utf8JsonReader reader, NameTable table)
    {
        CheckSize(ref reader);
        if (!reader.ValueIsEscaped && !reader.HasValueSequence)
        {
            var span = reader.ValueSpan;
            var id = table.Find(span);
            if (id > 0)
            {
                return id;
            }

            CheckUtf8(ref reader, span);
            return table.GetOrAdd(span);
        }

        var raw = (int)(reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length);
        var scratch = _page!.Reserve(raw, out _);
        var length = reader.CopyString(scratch);
        return table.GetOrAdd(scratch[..length]);
    }
}
