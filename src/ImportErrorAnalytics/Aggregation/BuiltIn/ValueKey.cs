using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Unicode;
using ImportErrorAnalytics.Reporting;

namespace ImportErrorAnalytics.Aggregation.BuiltIn;

/// <summary>
/// The key a value is counted under: the value's own bytes when it is at most <c>threshold</c> bytes long; for a longer
/// value, its first bytes (up to <c>threshold</c>, cut at a character boundary), the byte 0xFE, its length in bytes
/// (big-endian, so keys of values that begin alike order as the values do when one begins the other), its length in
/// UTF-16 code units, and the SHA-256 of the whole value. So a counter holds at most about <c>threshold</c> bytes per
/// value, however long the values are, and equal values still share a key (different values share one only if their
/// SHA-256 do). No value can look like a long value's key: 0xFE never occurs in UTF-8, nor in the redaction key (0xFF).
/// </summary>
internal static class ValueKey
{
    private const byte Marker = 0xFE;
    private const int DigestBytes = 32;

    /// <summary>The bytes a long value's key adds after its prefix.</summary>
    public const int Suffix = 1 + 4 + 4 + DigestBytes;

    /// <summary>
    /// The longest value kept whole, for a report that shows <paramref name="displayLength"/> UTF-16 code units: four bytes
    /// per code unit and one more, so the prefix of a longer value always holds more than the display shows.
    /// </summary>
    public static int ThresholdFor(int displayLength) => (int)Math.Min((4L * displayLength) + 4, Array.MaxLength / 2);

    /// <summary>The key of <paramref name="value"/>: the value itself, or its long-value key written into <paramref name="scratch"/>.</summary>
    public static ReadOnlySpan<byte> Of(ReadOnlySpan<byte> value, int threshold, ref byte[]? scratch)
    {
        if (value.Length <= threshold)
        {
            return value;
        }

        var prefix = threshold;
        while (prefix > 0 && (value[prefix] & 0xC0) == 0x80)
        {
            prefix--;
        }

        var length = prefix + Suffix;
        if (scratch is null || scratch.Length < length)
        {
            scratch = new byte[length];
        }

        var key = scratch.AsSpan(0, length);
        value[..prefix].CopyTo(key);
        key[prefix] = Marker;
        BinaryPrimitives.WriteInt32BigEndian(key[(prefix + 1)..], value.Length);
        BinaryPrimitives.WriteInt32BigEndian(key[(prefix + 5)..], Encoding.UTF8.GetCharCount(value));
        SHA256.HashData(value, key[(prefix + 9)..]);
        return key;
    }

    /// <summary>Whether <paramref name="key"/> could have come from <see cref="Of"/> (or is the redaction key).</summary>
    public static bool IsValid(ReadOnlySpan<byte> key, int threshold)
    {
        if (key.SequenceEqual(TopInvalidValuesAggregator.RedactedKey))
        {
            return true;
        }

        var marker = key.IndexOf(Marker);
        if (marker < 0)
        {
            return key.Length <= threshold && Utf8.IsValid(key);
        }

        return marker <= threshold && key.Length == marker + Suffix && Utf8.IsValid(key[..marker])
            && BinaryPrimitives.ReadInt32BigEndian(key[(marker + 1)..]) > threshold
            && BinaryPrimitives.ReadInt32BigEndian(key[(marker + 5)..]) > 0;
    }

    /// <summary>
    /// How a key is shown: the value cut to <paramref name="displayLength"/> code units, or, with a
    /// <paramref name="maskKey"/>, the keyed hash of the whole key (a long value's key holds its SHA-256, so equal values
    /// still look equal and different ones different), with no length told.
    /// </summary>
    public static (string Text, bool Truncated, int? Length) Display(ReadOnlySpan<byte> key, int displayLength, ValueMaskKey? maskKey)
    {
        if (maskKey is not null)
        {
            return ValueText.Mask(key, maskKey);
        }

        var marker = key.IndexOf(Marker);
        if (marker < 0)
        {
            return ValueText.Cut(key, displayLength);
        }

        var length = BinaryPrimitives.ReadInt32BigEndian(key[(marker + 5)..]);
        var (text, _, _) = ValueText.Cut(key[..marker], displayLength);
        return (text, true, length);
    }
}
