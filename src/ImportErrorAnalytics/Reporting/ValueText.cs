using System.Text;

namespace ImportErrorAnalytics.Reporting;

/// <summary>Turns a UTF-8 value into display text, cut to a number of UTF-16 code units without splitting a surrogate pair.</summary>
internal static class ValueText
{
    public const string RedactedText = "[REDACTED]";

    /// <summary>A sensitive value's stand-in: its length is not told.</summary>
    public static (string Text, bool Truncated, int? Length) Redacted => (RedactedText, false, null);

    /// <summary>
    /// A masked value's stand-in: its keyed hash (<see cref="ValueMaskKey"/>), so equal values look equal under one key.
    /// Its length is not told either: a length narrows the guesses (a zip code, a phone number).
    /// </summary>
    public static (string Text, bool Truncated, int? Length) Mask(ReadOnlySpan<byte> utf8, ValueMaskKey key) => (key.Mask(utf8), false, null);

    public static (string Text, bool Truncated, int? Length) Cut(ReadOnlySpan<byte> utf8, int maxChars)
    {
        var length = Encoding.UTF8.GetCharCount(utf8);
        if (length <= maxChars)
        {
            return (Encoding.UTF8.GetString(utf8), false, length);
        }

        // Only the prefix is decoded: a megabyte value costs no megabyte string.
        var prefix = utf8[..Math.Min(utf8.Length, (maxChars + 1) * 4)];
        var chars = Encoding.UTF8.GetString(prefix);
        var cut = maxChars;
        if (char.IsHighSurrogate(chars[cut - 1]))
        {
            cut--;
        }

        return (chars[..cut], true, length);
    }
}
