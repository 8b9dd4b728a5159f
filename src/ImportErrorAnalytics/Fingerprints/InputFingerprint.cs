using System.Buffers;
using System.Globalization;

namespace ImportErrorAnalytics.Fingerprints;

/// <summary>
/// The identity of an input's content: the XXH128 of every byte read from it, in order, and how many bytes that was.
/// Two inputs with equal fingerprints hold the same bytes, whatever their names (a merge refuses to count them twice).
/// XXH128 is not a cryptographic hash: it takes 1-2 % of a parse's time, where SHA-256 takes a fifth to a third
/// (benchmarks/RESULTS.md), and a fingerprint only ever refuses a merge, never changes a count.
/// </summary>
internal readonly record struct InputFingerprint(UInt128 Hash, long Bytes)
{
    private const int HexDigits = 32;

    private static readonly SearchValues<char> LowerHex = SearchValues.Create("0123456789abcdef");

    /// <summary>The hash as 32 lowercase hexadecimal digits, most significant first: XXH128's canonical form, as <c>xxhsum -H2</c> prints it.</summary>
    public string HashText => Hash.ToString("x32", CultureInfo.InvariantCulture);

    /// <summary>Reads a hash written by <see cref="HashText"/>.</summary>
    /// <exception cref="FormatException">Not exactly 32 lowercase hexadecimal digits.</exception>
    public static UInt128 ParseHash(string text)
    {
        if (text.Length != HexDigits || text.AsSpan().IndexOfAnyExcept(LowerHex) >= 0)
        {
            throw new FormatException($"an input's 'xxh128' must be {HexDigits} lowercase hexadecimal digits.");
        }

        return UInt128.Parse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
    }

    /// <summary>For messages: the length and the hash.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Bytes:N0} bytes, XXH128 {HashText}");
}
