using System.Globalization;
using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ImportErrorAnalytics.Escaping;
using ImportErrorAnalytics.HubSpot;
using ImportErrorAnalytics.Model;

namespace ImportErrorAnalytics.Tests.Sources;

/// <summary>
/// <see cref="HubSpotImportIds"/>: every spelling of an int64 id with leading zeros is one id, the canonical form
/// round-trips, and anything else (signs, spaces, exponents, other scripts' digits, 0, past int64) is refused, as a
/// plain oracle (<see cref="BigInteger"/> over ASCII digits) says.
/// </summary>
public class HubSpotImportIdProperties
{
    /// <summary>Characters an id could be mistyped or forged with, beside the ASCII digits.</summary>
    private static readonly char[] Strangers = [' ', '\t', '\n', '+', '-', 'e', 'E', '.', ',', '_', 'x', '/', '\u0663', '\uFF11', '\u00B9', '\u200B'];

    private static Arbitrary<(long Value, int Zeros)> PositiveWithZeros() =>
        Gen.Choose(0, 40).SelectMany(zeros => Gen.OneOf(
                Gen.Choose(1, 1000).Select(small => (long)small),
                Gen.Choose(0, int.MaxValue).SelectMany(high => Gen.Choose(int.MinValue, int.MaxValue).Select(low => (high * (1L << 32)) | (uint)low)).Where(value => value > 0),
                Gen.Elements(1L, 9L, 10L, long.MaxValue, long.MaxValue - 1, 1L << 62, 184448894L))
            .Select(value => (value, zeros)))
        .ToArbitrary();

    /// <summary>Strings mostly of digits (and zeros, often leading), with now and then a stranger; up to 25 characters.</summary>
    private static Arbitrary<string> IdLikeText() =>
        Gen.Choose(0, 25).SelectMany(length => Gen.Frequency(
                    (6, Gen.Choose('0', '9').Select(c => (char)c)),
                    (3, Gen.Constant('0')),
                    (1, Gen.Elements(Strangers)))
                .ArrayOf(length))
            .Select(chars => new string(chars))
        .ToArbitrary();

    [Property(MaxTest = 500)]
    public Property AnySpellingWithLeadingZeros_IsOneIdWhoseCanonicalFormRoundTrips() =>
        Prop.ForAll(PositiveWithZeros(), input =>
        {
            var canonical = input.Value.ToString(CultureInfo.InvariantCulture);
            var spelled = new string('0', input.Zeros) + canonical;

            var parsed = HubSpotImportIds.TryCanonicalize(spelled, out var result);
            var again = HubSpotImportIds.TryCanonicalize(result, out var twice);

            return (parsed && result == canonical && again && twice == canonical
                && HubSpotImportIds.Canonicalize(spelled) == canonical
                && HubSpotImportIds.IsCanonical(canonical)
                && HubSpotImportIds.IsCanonical(spelled) == (input.Zeros == 0)
                && long.Parse(result!, NumberStyles.None, CultureInfo.InvariantCulture) == input.Value)
                .Label($"{spelled} -> {result}");
        });

    [Property(MaxTest = 1000)]
    public Property AnyText_IsAnIdExactlyWhenTheOracleSaysSo() =>
        Prop.ForAll(IdLikeText(), text =>
        {
            var parsed = HubSpotImportIds.TryCanonicalize(text, out var canonical);
            var expected = Oracle(text);

            return (parsed == expected is not null && canonical == expected
                && HubSpotImportIds.IsCanonical(text) == (expected == text)
                && (parsed ? HubSpotImportIds.Why(text) is null : HubSpotImportIds.Why(text) is not null))
                .Label($"'{text}' -> {canonical ?? "(refused)"}, oracle {expected ?? "(refused)"}");
        });

    [Theory]
    [InlineData("1", "1")]
    [InlineData("01", "1")]
    [InlineData("000000000000000000000000000000042", "42")]
    [InlineData("184448894", "184448894")]
    [InlineData("9223372036854775807", "9223372036854775807")]
    [InlineData("00009223372036854775807", "9223372036854775807")]
    public void Ids_AreReadByTheirCanonicalSpelling(string text, string canonical)
    {
        Assert.True(HubSpotImportIds.TryCanonicalize(text, out var result));
        Assert.Equal(canonical, result);
        Assert.Equal(canonical, HubSpotImportIds.Canonicalize(text));
    }

    [Theory]
    [InlineData("", "it is empty")]
    [InlineData("0", "it is 0")]
    [InlineData("000", "it is 0")]
    [InlineData("-1", "other than the digits")]
    [InlineData("+1", "other than the digits")]
    [InlineData(" 1", "other than the digits")]
    [InlineData("1 ", "other than the digits")]
    [InlineData("1\n", "other than the digits")]
    [InlineData("1e3", "other than the digits")]
    [InlineData("1.0", "other than the digits")]
    [InlineData("1_000", "other than the digits")]
    [InlineData("0x1F", "other than the digits")]
    [InlineData("\u0663", "other than the digits")]
    [InlineData("\uFF11", "other than the digits")]
    [InlineData("abc", "other than the digits")]
    [InlineData("9223372036854775808", "larger than 9223372036854775807")]
    [InlineData("18446744073709551616", "larger than 9223372036854775807")]
    [InlineData("99999999999999999999999999999", "larger than 9223372036854775807")]
    public void NonIds_AreRefused_WithAnArgumentExceptionQuotingThem(string text, string why)
    {
        Assert.False(HubSpotImportIds.TryCanonicalize(text, out var canonical));
        Assert.Null(canonical);
        Assert.False(HubSpotImportIds.IsCanonical(text));
        var error = Assert.Throws<ArgumentException>(() => HubSpotImportIds.Canonicalize(text, "importId"));
        Assert.Equal("importId", error.ParamName);
        Assert.Contains(UntrustedText.Quote(text) + " is not a HubSpot import id", error.Message, StringComparison.Ordinal);
        Assert.Contains(why, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Null_IsNoId()
    {
        Assert.False(HubSpotImportIds.TryCanonicalize(null, out _));
        Assert.False(HubSpotImportIds.IsCanonical(null));
        Assert.Throws<ArgumentNullException>(() => HubSpotImportIds.Canonicalize(null!));
    }

    [Fact]
    public void ACanonicalId_IsGivenBackWithoutACopy()
    {
        var id = "184448894";

        Assert.True(HubSpotImportIds.TryCanonicalize(id, out var canonical));
        Assert.Same(id, canonical);
    }

    /// <summary>ASCII digits only, read as an unbounded integer; an id when 1 to <see cref="long.MaxValue"/>.</summary>
    private static string? Oracle(string text)
    {
        if (text.Length == 0 || !text.All(c => c is >= '0' and <= '9'))
        {
            return null;
        }

        var value = BigInteger.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
        return value >= 1 && value <= long.MaxValue ? value.ToString(CultureInfo.InvariantCulture) : null;
    }
}
