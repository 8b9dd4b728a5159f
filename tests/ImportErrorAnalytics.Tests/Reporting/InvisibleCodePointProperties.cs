using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ImportErrorAnalytics.Escaping;
using ImportErrorAnalytics.Parsing;
using ImportErrorAnalytics.Reporting.Markdown;
using ImportErrorAnalytics.Testing;
using ImportErrorAnalytics.Tests.Escaping;
using ImportErrorAnalytics.Tests.Support;

namespace ImportErrorAnalytics.Tests.Reporting;

/// <summary>
/// Code points that do not show as themselves (so two different values could look the same) never reach the Markdown
/// report raw, whichever class they belong to: controls (Cc), format characters (Cf, the tag characters of the U+E0000
/// block among them), private use (Co, in the BMP and planes 15 and 16), unassigned (Cn, in .NET's Unicode tables),
/// unpaired surrogates (Cs), line and paragraph separators, and Default_Ignorable_Code_Point (Hangul fillers, variation
/// selectors, U+034F, U+17B4...). Each is shown as an escape that decodes back to the value.
/// </summary>
public class InvisibleCodePointProperties
{
    private static readonly int[] AllScalars = [.. Enumerable.Range(0, 0x110000).Where(c => c is < 0xD800 or > 0xDFFF)];

    private static int[] OfCategory(UnicodeCategory category) =>
        [.. AllScalars.Where(c => Rune.GetUnicodeCategory(new Rune(c)) == category)];

    private static int[] DefaultIgnorables()
    {
        var ranges = DefaultIgnorable.Ranges;
        var all = new List<int>();
        for (var i = 0; i < ranges.Length; i += 2)
        {
            all.AddRange(Enumerable.Range(ranges[i], ranges[i + 1] - ranges[i] + 1));
        }

        return [.. all];
    }

    /// <summary>Each class as the strings of its code points (an unpaired surrogate is a string of one code unit).</summary>
    public static TheoryData<string> Classes => ["Cc", "Cf", "Co", "Cn", "Cs", "Zl/Zp", "Default_Ignorable"];

    private static string[] Members(string @class) => @class switch
    {
        "Cc" => Strings(OfCategory(UnicodeCategory.Control)),
        "Cf" => Strings(OfCategory(UnicodeCategory.Format)),
        "Co" => Strings(OfCategory(UnicodeCategory.PrivateUse)),
        "Cn" => Strings(OfCategory(UnicodeCategory.OtherNotAssigned)),
        "Cs" => [.. Enumerable.Range(0xD800, 0x800).Select(c => ((char)c).ToString())],
        "Zl/Zp" => ["\u2028", "\u2029"],
        _ => Strings(DefaultIgnorables()),
    };

    private static string[] Strings(int[] codePoints) => [.. codePoints.Select(char.ConvertFromUtf32)];

    private static readonly string[] Visible = ["a", "é", "😀", "|", "\\", "`", " ", "x-1", "𝄞"];

    [Theory]
    [MemberData(nameof(Classes))]
    public void EveryClass_IsEscapedInTablesHeadingsAndChartLabels_AndDecodesBack(string @class)
    {
        var members = Members(@class);
        Assert.NotEmpty(members);
        var values = Gen.Frequency((2, Gen.Elements(members)), (1, Gen.Elements(Visible))).ArrayOf().Select(parts => "v" + string.Concat(parts.Take(6)));

        var property = Prop.ForAll(Arb.From(values), value =>
        {
            var visible = MarkdownText.Visible(value);
            HostileText.AssertVisible(visible);
            Assert.Equal(value, HostileText.Unescape(visible));
            Assert.All(MarkdownText.ChartLabel(value), c => Assert.InRange(c, ' ', '~'));

            // Through a whole report: as a value, a property name (table cells and the "### Column" heading) and an
            // error type (table and pie chart). Unpaired surrogates cannot come out of the parser (it refuses them).
            if (@class != "Cs")
            {
                var markdown = Render(value);
                HostileText.AssertVisible(markdown);
                Assert.Contains(MarkdownText.Code(value), markdown, StringComparison.Ordinal);
            }
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(40), property);
    }

    [Fact]
    public void EveryMemberOfEveryClass_IsEscaped()
    {
        foreach (var @class in new[] { "Cc", "Cf", "Co", "Cn", "Cs", "Zl/Zp", "Default_Ignorable" })
        {
            foreach (var member in Members(@class))
            {
                Assert.True((member.Length == 1 && char.IsSurrogate(member[0])) || EscapedText.IsInvisible(Rune.GetRuneAt(member, 0)), @class);
                var shown = MarkdownText.Visible(member);
                Assert.Equal(member, HostileText.Unescape(shown));
                Assert.True(shown.Length > 1 && shown[0] == '\\', $"{@class}: {shown}");
            }
        }
    }

    [Theory]
    [InlineData("\u2060", @"\u2060")]
    [InlineData("\u00ad", @"\u00AD")]
    [InlineData("\u3164", @"\u3164")]
    [InlineData("\u115f\u1160", @"\u115F\u1160")]
    [InlineData("\uffa0", @"\uFFA0")]
    [InlineData("\U000E0041\U000E007F", @"\u{E0041}\u{E007F}")]
    [InlineData("\uE000\U000F0000\U0010FFFD", @"\uE000\u{F0000}\u{10FFFD}")]
    [InlineData("a\ufe0fb", @"a\uFE0Fb")]
    [InlineData("\u034f\u17b4\u180b", @"\u034F\u17B4\u180B")]
    [InlineData("\u0378", @"\u0378")]
    [InlineData("\ud83d\ude00 ok", "😀 ok")]
    public void LookalikeValues_AreShownApart(string value, string shown) =>
        Assert.Equal(shown, MarkdownText.Visible(value));

    [Fact]
    public void UnpairedSurrogates_AreShownAsTheirCodeUnits() =>
        Assert.Equal(@"a\uDC00\uD800b", MarkdownText.Visible("a" + (char)0xDC00 + (char)0xD800 + "b"));

    [Fact]
    public void DefaultIgnorableTable_HasTheUnicodeRanges()
    {
        var ranges = DefaultIgnorable.Ranges;
        for (var i = 0; i < ranges.Length; i += 2)
        {
            Assert.True(ranges[i] <= ranges[i + 1]);
            Assert.True(i == 0 || ranges[i] > ranges[i - 1] + 1, "ranges are sorted, disjoint and not adjacent");
        }

        // DerivedCoreProperties.txt counts 4,174 Default_Ignorable_Code_Point code points.
        Assert.Equal(4_174, DefaultIgnorables().Length);
        Assert.All(new[] { 0x00AD, 0x034F, 0x061C, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x180B, 0x180E, 0x180F, 0x200B, 0x202E, 0x2065, 0x206F, 0x3164, 0xFE00, 0xFEFF, 0xFFA0, 0xFFF8, 0x1BCA3, 0x1D17A, 0xE0000, 0xE0FFF },
            c => Assert.True(DefaultIgnorable.Contains(c), $"U+{c:X4}"));
        Assert.All(new[] { 'a', 0x00AC, 0x00AE, 0x0350, 0x1161, 0x17B6, 0x1810, 0x2010, 0x2070, 0xFE10, 0xFFF9, 0x1D17B, 0xDFFFF, 0xE1000, 0x10FFFF },
            c => Assert.False(DefaultIgnorable.Contains(c), $"U+{c:X4}"));
    }

    private static string Render(string value)
    {
        SyntheticError[] errors =
        [
            new() { Id = "a", ErrorType = value, KnownColumnNumber = 1, PropertyName = value, DataSensitivity = "none", InvalidValue = value, FileId = 1, LineNumber = 2 },
            new() { Id = "b", ErrorType = "INVALID_EMAIL", KnownColumnNumber = 1, PropertyName = value, DataSensitivity = "none", InvalidValue = value, FileId = 1, LineNumber = 3 },
        ];
        var report = AnalyzerRuns.Run([("p.json", JsonText.Page(errors, null), InputFormat.Pages)]);
        return MarkdownReport.Render(report);
    }
}
