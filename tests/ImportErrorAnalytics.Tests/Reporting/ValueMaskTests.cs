using System.Security.Cryptography;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ImportErrorAnalytics.Parsing;
using ImportErrorAnalytics.Reporting;
using ImportErrorAnalytics.Reporting.Markdown;
using ImportErrorAnalytics.Snapshots;
using ImportErrorAnalytics.Testing;
using ImportErrorAnalytics.Tests.Support;

namespace ImportErrorAnalytics.Tests.Reporting;

/// <summary>
/// Masked values (<c>--redact-values</c>) are keyed hashes: equal under one key, different under another, testable
/// against guesses only with the key, silent about their length, and the key itself never appears anywhere.
/// </summary>
public class ValueMaskTests
{
    private static readonly byte[] KeyBytes = Encoding.UTF8.GetBytes("a-test-key-0123456789abcdef-keep-it-secret");

    /// <summary>Zip codes of different lengths, the classic guessable values, each several times.</summary>
    private static readonly string[] Zips = ["10115", "1011", "101150", "75001", "75001-1234"];

    private static byte[] Page() => JsonText.Page(
        Zips.SelectMany((zip, i) => Enumerable.Range(0, i + 1).Select(j => new SyntheticError
        {
            Id = $"{zip}-{j}", KnownColumnNumber = 4, PropertyName = "zip", DataSensitivity = "none", InvalidValue = zip, FileId = 1, LineNumber = j + 1,
        })),
        null);

    private static ImportErrorReport Run(Action<ImportErrorAnalytics.Pipeline.AnalyzerOptions>? configure = null) =>
        AnalyzerRuns.Run([("zips.json", Page(), InputFormat.Pages)], configure);

    private static Dictionary<long, string> MaskByCount(ImportErrorReport report) =>
        Assert.Single(report.TopInvalidValues).Values.ToDictionary(v => v.Count, v => v.Value);

    /// <summary>The oracle: the first 10 hex digits of HMAC-SHA256(key, UTF-8 value).</summary>
    private static string Expected(byte[] key, string value) => "#" + Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(value)))[..10];

    [Fact]
    public void SameKey_GivesTheSameMasks_TheHmacOfEachValue()
    {
        var key = ValueMaskKey.FromBytes(KeyBytes);

        var first = Run(o => { o.MaskValues = true; o.MaskKey = key; });
        var second = Run(o => { o.MaskValues = true; o.MaskKey = ValueMaskKey.FromBytes(KeyBytes); });

        Assert.Equal(MaskByCount(first), MaskByCount(second));
        foreach (var value in Assert.Single(first.TopInvalidValues).Values)
        {
            Assert.True(value.Masked);
            Assert.Equal(Expected(KeyBytes, Zips[(int)value.Count - 1]), value.Value);
        }
    }

    [Fact]
    public void DifferentKeys_GiveDifferentMasks_AndNoneIsTheUnkeyedHash()
    {
        var one = MaskByCount(Run(o => { o.MaskValues = true; o.MaskKey = ValueMaskKey.FromBytes(KeyBytes); }));
        var other = MaskByCount(Run(o => { o.MaskValues = true; o.MaskKey = ValueMaskKey.FromBytes(Encoding.UTF8.GetBytes("another-key-fedcba9876543210")); }));

        foreach (var (count, mask) in one)
        {
            Assert.NotEqual(mask, other[count]);

            // The old mask, a plain SHA-256 prefix, is what a guesser computes: it must not come out.
            Assert.NotEqual("#" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Zips[(int)count - 1])))[..10], mask);
        }
    }

    [Fact]
    public void WithoutAKey_EachAnalyzerDrawsItsOwn_AndEqualValuesStillGroup()
    {
        var first = Run(o => o.MaskValues = true);
        var second = Run(o => o.MaskValues = true);

        Assert.Equal(Zips.Length, Assert.Single(first.TopInvalidValues).Values.Count);
        Assert.Equal(Enumerable.Range(1, Zips.Length).Select(n => (long)n).Reverse(), Assert.Single(first.TopInvalidValues).Values.Select(v => v.Count));
        Assert.All(MaskByCount(first), pair => Assert.NotEqual(pair.Value, MaskByCount(second)[pair.Key]));
    }

    [Fact]
    public void MaskedValues_TellNoLength()
    {
        var report = Run(o => { o.MaskValues = true; o.MaskKey = ValueMaskKey.FromBytes(KeyBytes); });

        var values = Assert.Single(report.TopInvalidValues).Values;
        Assert.All(values, v => Assert.Null(v.Length));
        Assert.Single(values.Select(v => v.Value.Length).Distinct());
        var json = JsonReport.ToJson(report);
        Assert.DoesNotContain("\"length\": 5", json, StringComparison.Ordinal);
        Assert.DoesNotContain("characters", MarkdownReport.Render(report), StringComparison.Ordinal);
    }

    [Property(MaxTest = 200)]
    public Property Mask_IsTheKeyedHash_AndDependsOnTheKey() =>
        Prop.ForAll(Arb.From(Gen.Choose(0, 255).Select(b => (byte)b).ArrayOf()), Arb.From(Gen.Choose(0, 255).Select(b => (byte)b).ArrayOf()), (value, salt) =>
        {
            var key = KeyBytes.Concat(salt).ToArray();
            var mask = ValueMaskKey.FromBytes(key).Mask(value);

            Assert.Equal("#" + Convert.ToHexStringLower(HMACSHA256.HashData(key, value))[..10], mask);
            Assert.NotEqual(mask, ValueMaskKey.FromBytes([.. key, 1]).Mask(value));
        });

    [Fact]
    public void Key_NeverAppears_InReportsSnapshotsOrItsText()
    {
        var secret = "mask-key-that-must-never-show-" + Guid.NewGuid().ToString("N");
        var key = ValueMaskKey.FromBytes(Encoding.UTF8.GetBytes(secret));
        var snapshot = SnapshotBytes.Of([("zips.json", Page(), InputFormat.Pages)], o => { o.MaskValues = true; o.MaskKey = key; });

        var report = snapshot.CreateReport();
        var everything = JsonReport.ToJson(report) + MarkdownReport.Render(report) + Encoding.UTF8.GetString(SnapshotBytes.Write(snapshot)) + key + snapshot;

        Assert.DoesNotContain(secret, everything, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToHexStringLower(Encoding.UTF8.GetBytes(secret)), everything, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes(secret)), everything, StringComparison.Ordinal);
        Assert.Equal("ValueMaskKey([REDACTED])", key.ToString());
    }

    [Fact]
    public void Snapshot_MasksWithItsRunsKey_AndAFileOfItWithTheKeyGiven()
    {
        var key = ValueMaskKey.FromBytes(KeyBytes);
        var snapshot = SnapshotBytes.Of([("zips.json", Page(), InputFormat.Pages)], o => { o.MaskValues = true; o.MaskKey = key; });
        var expected = MaskByCount(Run(o => { o.MaskValues = true; o.MaskKey = key; }));

        Assert.Equal(expected, MaskByCount(snapshot.CreateReport()));

        // The file holds the values, not the key: read back, it masks with the key it is given, else with one of its own.
        var read = SnapshotBytes.RoundTrip(snapshot);
        Assert.Equal(expected, MaskByCount(read.CreateReport(maskKey: ValueMaskKey.FromBytes(KeyBytes))));
        var own = MaskByCount(read.CreateReport());
        Assert.Equal(own, MaskByCount(read.CreateReport()));
        Assert.All(own, pair => Assert.NotEqual(expected[pair.Key], pair.Value));
        Assert.Equal(expected, MaskByCount(ReportSnapshot.Merge([read]).CreateReport(maskKey: ValueMaskKey.FromBytes(KeyBytes))));
    }

    [Fact]
    public void ShortKeys_AreRefused()
    {
        Assert.Throws<ArgumentException>(() => ValueMaskKey.FromBytes(new byte[ValueMaskKey.MinimumBytes - 1]));
        var variable = "IEA_TEST_SHORT_KEY_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, "short-secret");
        try
        {
            var error = Assert.Throws<ArgumentException>(() => ValueMaskKey.FromEnvironment(variable));
            Assert.Contains(variable, error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("short-secret", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }

        Assert.Throws<ArgumentException>(() => ValueMaskKey.FromEnvironment(variable));
    }
}
