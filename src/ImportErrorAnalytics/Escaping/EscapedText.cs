using System.Buffers;
using System.Globalization;
using System.Text;

namespace ImportErrorAnalytics.Escaping;

/// <summary>
/// Writes text so that every code point that would not show as itself is shown as a visible escape: controls (C0, C1,
/// DEL), format characters (bidirectional overrides, zero-width joiners, tag characters), private-use, unassigned and
/// unpaired surrogate code points, line and paragraph separators, and Default_Ignorable_Code_Point
/// (<see cref="DefaultIgnorable"/>). It works on code points, so supplementary-plane characters are judged whole.
/// </summary>
/// <remarks>
/// The escapes are <c>\n</c>, <c>\r</c>, <c>\t</c>, <c>\uXXXX</c> (four hex digits: a BMP code point or an unpaired
/// surrogate) and <c>\u{XXXXX}</c> (a supplementary code point). With a backslash escaped as <c>\\</c> the result
/// decodes back to the original text, so two different texts never look the same.
/// </remarks>
internal static class EscapedText
{
    /// <summary>Whether <paramref name="rune"/> is shown as an escape rather than as itself.</summary>
    public static bool IsInvisible(Rune rune) =>
        Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.PrivateUse
            or UnicodeCategory.OtherNotAssigned or UnicodeCategory.Surrogate or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
        || DefaultIgnorable.Contains(rune.Value);

    /// <summary>Whether <paramref name="text"/> holds anything <see cref="Append"/> would escape (backslash and quote aside).</summary>
    public static bool HasInvisible(ReadOnlySpan<char> text)
    {
        while (!text.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(text, out var rune, out var used) != OperationStatus.Done || IsInvisible(rune))
            {
                return true;
            }

            text = text[used..];
        }

        return false;
    }

    /// <summary>Appends <paramref name="text"/> with its invisible code points escaped.</summary>
    /// <param name="builder">Where to write.</param>
    /// <param name="text">The text, possibly holding unpaired surrogates.</param>
    /// <param name="escapeBackslash">Write a backslash as <c>\\</c>, so the result decodes unambiguously.</param>
    /// <param name="quote">A quote character to write as <c>\</c> + itself, or <c>'\0'</c> for none.</param>
    public static void Append(StringBuilder builder, ReadOnlySpan<char> text, bool escapeBackslash, char quote = '\0')
    {
        while (!text.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(text, out var rune, out var used) != OperationStatus.Done)
            {
                // An unpaired surrogate: shown as its code unit.
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)text[0]:X4}");
                text = text[1..];
                continue;
            }

            var c = rune.Value;
            if (c == '\\' && escapeBackslash)
            {
                builder.Append("\\\\");
            }
            else if (c == quote && quote != '\0')
            {
                builder.Append('\\').Append(quote);
            }
            else if (c == '\n')
            {
                builder.Append("\\n");
            }
            else if (c == '\r')
            {
                builder.Append("\\r");
            }
            else if (c == '\t')
            {
                builder.Append("\\t");
            }
            else if (IsInvisible(rune) && rune.IsBmp)
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{c:X4}");
            }
            else if (IsInvisible(rune))
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{{{c:X}}}");
            }
            else
            {
                builder.Append(text[..used]);
            }

            text = text[used..];
        }
    }

    /// <summary><paramref name="text"/> with its invisible code points escaped; the text itself when there are none.</summary>
    public static string Escape(string text, bool escapeBackslash)
    {
        if (!HasInvisible(text) && (!escapeBackslash || !text.Contains('\\', StringComparison.Ordinal)))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 16);
        Append(builder, text, escapeBackslash);
        return builder.ToString();
    }
}
