using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ImportErrorAnalytics.Escaping;

namespace ImportErrorAnalytics.Tests.Escaping;

/// <summary>The one escaper of text from outside: one line, nothing invisible, and a quoted name decodes back to itself.</summary>
public class UntrustedTextProperties
{
    private static readonly Arbitrary<string> Hostile = Arb.From(HostileText.Strings);

    [Property(MaxTest = 300)]
    public Property Quote_IsOneVisibleLineThatDecodesBackToTheText() =>
        Prop.ForAll(Hostile, text =>
        {
            var quoted = UntrustedText.Quote(text);

            HostileText.AssertVisible(quoted);
            Assert.DoesNotContain('\n', quoted);
            Assert.StartsWith("'", quoted, StringComparison.Ordinal);
            var close = quoted.LastIndexOf('\'');
            var shown = HostileText.Unescape(quoted[1..close]);
            if (text.Length <= UntrustedText.MaxQuotedLength)
            {
                Assert.Equal(text, shown);
                Assert.Equal(quoted.Length - 1, close);
            }
            else
            {
                Assert.StartsWith(shown, text, StringComparison.Ordinal);
                Assert.InRange(shown.Length, UntrustedText.MaxQuotedLength - 1, UntrustedText.MaxQuotedLength);
                Assert.EndsWith($"… ({text.Length:N0} characters)", quoted, StringComparison.Ordinal);
            }
        });

    [Property(MaxTest = 300)]
    public Property OneLine_IsOneVisibleLine_AndLeavesVisibleTextAlone() =>
        Prop.ForAll(Hostile, text =>
        {
            var line = UntrustedText.OneLine(text);

            HostileText.AssertVisible(line);
            Assert.DoesNotContain('\n', line);
            var visible = string.Concat(HostileText.Runes(text).Where(r => r is { } rune && !EscapedText.IsInvisible(rune)).Select(r => r!.Value.ToString()));
            Assert.Equal(visible, UntrustedText.OneLine(visible));
        });

    [Theory]
    [InlineData("a\n::error::b", @"'a\n::error::b'")]
    [InlineData("\u001b[31mred", @"'\u001B[31mred'")]
    [InlineData("it's \\ ok", @"'it\'s \\ ok'")]
    [InlineData("x\u0085y\u2028z\u2029", @"'x\u0085y\u2028z\u2029'")]
    [InlineData("\u202eevil", @"'\u202Eevil'")]
    [InlineData("tag\U000E0041", @"'tag\u{E0041}'")]
    [InlineData("😀 é", "'😀 é'")]
    public void Quote_ShowsEachEscape(string text, string expected) => Assert.Equal(expected, UntrustedText.Quote(text));

    [Fact]
    public void Quote_ShowsAnUnpairedSurrogateAsItsCodeUnit()
    {
        // Not [InlineData]: the test runner cannot carry an unpaired surrogate through its serialization.
        Assert.Equal(@"'lone\uD800'", UntrustedText.Quote("lone" + (char)0xD800));
        Assert.Equal(@"'\uDC00\uD83D'", UntrustedText.Quote(new string([(char)0xDC00, (char)0xD83D])));
    }

    [Fact]
    public void Quote_OfNothing_SaysSo() => Assert.Equal("(none)", UntrustedText.Quote(null));

    [Fact]
    public void Untrusted_FormatsQuotedOrOnOneLine_ForAnyLogger()
    {
        Assert.Equal(@"'a\nb'", Untrusted.Name("a\nb").ToString());
        Assert.Equal(@"it's a\nb", Untrusted.Message("it's a\nb").ToString());
        Assert.Equal("a\nb", Untrusted.Name("a\nb").Text);
        Assert.Equal(@"x 'a\nb'", string.Format(System.Globalization.CultureInfo.InvariantCulture, "x {0}", Untrusted.Name("a\nb")));
    }

    [Fact]
    public void Quote_OfAMegabyte_IsCutAndCostsNoMegabyteOfOutput()
    {
        var text = new StringBuilder().Append('\n', 1_000_000).ToString();

        var quoted = UntrustedText.Quote(text);

        Assert.True(quoted.Length < 3 * UntrustedText.MaxQuotedLength, $"{quoted.Length} characters");
        Assert.EndsWith("… (1,000,000 characters)", quoted, StringComparison.Ordinal);
    }
}
