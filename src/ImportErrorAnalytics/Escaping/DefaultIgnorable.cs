namespace ImportErrorAnalytics.Escaping;

/// <summary>
/// The Unicode property Default_Ignorable_Code_Point, which .NET does not expose: code points a renderer shows as
/// nothing when it has no glyph for them (fillers, joiners, variation selectors, tag characters), so text holding them
/// can look exactly like text without them.
/// </summary>
/// <remarks>
/// The ranges are those of <c>DerivedCoreProperties.txt</c> in the Unicode Character Database, version 16.0 (the
/// property has had these ranges since Unicode 14.0, which added U+180F). Many of them are also format characters
/// (Cf) or unassigned (Cn); the others are letters or marks that render invisibly: U+034F COMBINING GRAPHEME JOINER,
/// the Hangul fillers U+115F, U+1160, U+3164 and U+FFA0, U+17B4 and U+17B5, and the variation selectors.
/// </remarks>
internal static class DefaultIgnorable
{
    /// <summary>The Unicode version the ranges come from.</summary>
    public const string UnicodeVersion = "16.0";

    /// <summary>The ranges, inclusive and ascending: (first, last).</summary>
    internal static ReadOnlySpan<int> Ranges =>
    [
        0x00AD, 0x00AD,   // SOFT HYPHEN
        0x034F, 0x034F,   // COMBINING GRAPHEME JOINER
        0x061C, 0x061C,   // ARABIC LETTER MARK
        0x115F, 0x1160,   // HANGUL CHOSEONG FILLER, HANGUL JUNGSEONG FILLER
        0x17B4, 0x17B5,   // KHMER VOWEL INHERENT AQ, AA
        0x180B, 0x180F,   // MONGOLIAN FREE VARIATION SELECTORS ONE to THREE, VOWEL SEPARATOR, SELECTOR FOUR
        0x200B, 0x200F,   // ZERO WIDTH SPACE to RIGHT-TO-LEFT MARK
        0x202A, 0x202E,   // LEFT-TO-RIGHT EMBEDDING to RIGHT-TO-LEFT OVERRIDE
        0x2060, 0x206F,   // WORD JOINER to NOMINAL DIGIT SHAPES (bidirectional isolates, U+2065 reserved)
        0x3164, 0x3164,   // HANGUL FILLER
        0xFE00, 0xFE0F,   // VARIATION SELECTOR-1 to -16
        0xFEFF, 0xFEFF,   // ZERO WIDTH NO-BREAK SPACE (byte order mark)
        0xFFA0, 0xFFA0,   // HALFWIDTH HANGUL FILLER
        0xFFF0, 0xFFF8,   // reserved
        0x1BCA0, 0x1BCA3, // SHORTHAND FORMAT LETTER OVERLAP to UP STEP
        0x1D173, 0x1D17A, // MUSICAL SYMBOL BEGIN BEAM to END PHRASE
        0xE0000, 0xE0FFF, // tag characters, VARIATION SELECTOR-17 to -256, and the reserved rest of the block
    ];

    /// <summary>Whether <paramref name="codePoint"/> is a Default_Ignorable_Code_Point.</summary>
    public static bool Contains(int codePoint)
    {
        var ranges = Ranges;
        if (codePoint < ranges[0] || codePoint > ranges[^1])
        {
            return false;
        }

        int lo = 0, hi = (ranges.Length / 2) - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if (codePoint < ranges[2 * mid])
            {
                hi = mid - 1;
            }
            else if (codePoint > ranges[(2 * mid) + 1])
            {
                lo = mid + 1;
            }
            else
            {
                return true;
            }
        }

        return false;
    }
}
