using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ImportErrorAnalytics.Comparison;
using ImportErrorAnalytics.Reporting;

namespace ImportErrorAnalytics.Tests.Comparison;

/// <summary>
/// A diff that masks values (<c>iea diff --redact-values</c>) finds the same changes as one that does not, and shows none
/// of the values; masks compare only when one key made them.
/// </summary>
public class DiffMaskingProperties
{
    private static readonly ValueMaskKey Key = ValueMaskKey.FromBytes(Encoding.UTF8.GetBytes("a diff key of thirty-two bytes!!"));

    private static readonly Gen<ImportErrorReport> InTheClear = DiffReports.Report.Where(report => !report.Settings.MaskValues);

    [Property(MaxTest = 200)]
    public Property MaskedDiff_FindsTheSameValueChanges_AsMasks() =>
        Prop.ForAll(InTheClear.ToArbitrary(), InTheClear.ToArbitrary(), (a, b) =>
        {
            var plain = ReportDiff.Compare(a, b);
            var masked = ReportDiff.Compare(a, b, Key);

            Assert.Equal(plain.NotCompared.Select(n => n.Part), masked.NotCompared.Select(n => n.Part));
            Assert.Equal(
                plain.TopValues.Select(v => (v.Column, v.Kind, v.Count, v.Certain, Value: Shown(v.Value))).Order(),
                masked.TopValues.Select(v => (v.Column, v.Kind, v.Count, v.Certain, v.Value)).Order());
            Assert.Equal(plain.NotCompared.Any(n => n.Part == "topValues") ? null : Key.Id, masked.MaskKeyId);
            Assert.Null(plain.MaskKeyId);
        });

    [Property(MaxTest = 100)]
    public Property MaskedDiff_ShowsNoValueInTheClear() =>
        Prop.ForAll(InTheClear.ToArbitrary(), InTheClear.ToArbitrary(), (a, b) =>
        {
            var diff = ReportDiff.Compare(a, b, Key);
            var json = diff.ToJson();
            var markdown = diff.ToMarkdown();
            foreach (var value in diff.TopValues)
            {
                Assert.True(value.Value == ValueText.RedactedText || value.Value.StartsWith('#'), value.Value);
            }

            foreach (var secret in new[] { "a@b", "2024-13-01" })
            {
                Assert.DoesNotContain(secret, json, StringComparison.Ordinal);
                Assert.DoesNotContain(secret, markdown, StringComparison.Ordinal);
            }
        });

    [Fact]
    public void MaskedReports_Compare_OnlyWhenOneKeyMadeTheirMasks()
    {
        var other = ValueMaskKey.FromBytes(Encoding.UTF8.GetBytes("another key of thirty-two bytes!"));

        var same = ReportDiff.Compare(Masked(Key.Id, "#aaaaaaaaaa"), Masked(Key.Id, "#bbbbbbbbbb"));
        var different = ReportDiff.Compare(Masked(Key.Id, "#aaaaaaaaaa"), Masked(other.Id, "#aaaaaaaaaa"));
        var unnamed = ReportDiff.Compare(Masked(null, "#aaaaaaaaaa"), Masked(null, "#aaaaaaaaaa"));

        Assert.Equal(Key.Id, same.MaskKeyId);
        Assert.Equal(2, same.TopValues.Count);
        Assert.Contains(same.TopValues, v => v.Kind == ChangeKind.Gone && v.Value == "#aaaaaaaaaa");
        Assert.Contains(same.TopValues, v => v.Kind == ChangeKind.New && v.Value == "#bbbbbbbbbb");
        Assert.Empty(different.TopValues);
        Assert.Contains(different.NotCompared, n => n.Part == "topValues" && n.Reason.Contains("different keys", StringComparison.Ordinal));
        Assert.Contains(unnamed.NotCompared, n => n.Part == "topValues" && n.Reason.Contains("without saying which key", StringComparison.Ordinal));
    }

    [Fact]
    public void AReportInTheClear_ComparesWithAMaskedOne_WhenTheDiffHasItsKey()
    {
        var clear = Clear("a@b", truncated: false);
        var masked = Masked(Key.Id, Key.Mask("a@b"u8));

        var withoutKey = ReportDiff.Compare(clear, masked);
        var withKey = ReportDiff.Compare(clear, masked, Key);
        var withOtherKey = ReportDiff.Compare(clear, masked, ValueMaskKey.CreateRandom());
        var cut = ReportDiff.Compare(Clear("a@b", truncated: true), masked, Key);

        Assert.Contains(withoutKey.NotCompared, n => n.Part == "topValues" && n.Reason.Contains("--redact-key-env", StringComparison.Ordinal));
        Assert.DoesNotContain(withKey.NotCompared, n => n.Part == "topValues");
        Assert.Empty(withKey.TopValues); // the same value on both sides: nothing appeared or disappeared
        Assert.Contains(withOtherKey.NotCompared, n => n.Part == "topValues" && n.Reason.Contains("different keys", StringComparison.Ordinal));
        Assert.Contains(cut.NotCompared, n => n.Part == "topValues" && n.Reason.Contains("cut", StringComparison.Ordinal));
    }

    [Fact]
    public void KeyId_NamesTheKey_AndShowsNoneOfIt()
    {
        var bytes = Encoding.UTF8.GetBytes("a diff key of thirty-two bytes!!");

        Assert.Equal(Key.Id, ValueMaskKey.FromBytes(bytes).Id);
        Assert.NotEqual(Key.Id, ValueMaskKey.CreateRandom().Id);
        Assert.Matches("^key:[0-9a-f]{16}$", Key.Id);
        Assert.DoesNotContain(Convert.ToHexStringLower(bytes)[..8], Key.Id, StringComparison.Ordinal);
        Assert.NotEqual(Key.Mask(bytes)[1..], Key.Id[4..14]);
    }

    private static string Shown(string value) => value == ValueText.RedactedText ? value : Key.Mask(Encoding.UTF8.GetBytes(value));

    private static ImportErrorReport Masked(string? keyId, string mask) => Report(
        new ReportSettings { Top = 10, DistinctCapacity = 100, MaxDistinctKeys = 1000, ValueDisplayLength = 80, MaskValues = true, MaskKeyId = keyId },
        new InvalidValueCount { Value = mask, Count = 3, Masked = true });

    private static ImportErrorReport Clear(string value, bool truncated) => Report(
        new ReportSettings { Top = 10, DistinctCapacity = 100, MaxDistinctKeys = 1000, ValueDisplayLength = 80 },
        new InvalidValueCount { Value = value, Count = 3, Truncated = truncated, Length = truncated ? 500 : value.Length });

    private static ImportErrorReport Report(ReportSettings settings, InvalidValueCount value) => new()
    {
        Sources = [],
        Totals = new ReportTotals { Errors = 3 },
        Settings = settings,
        ErrorTypes = [],
        Columns = [],
        ObjectTypes = [],
        TopInvalidValues = [new ColumnTopValues { Column = 0, Property = "email", Exact = true, DistinctValues = 1, DistinctValuesAtLeast = 1, ValuesCounted = 3, Values = [value] }],
        LineClusters = [],
        Skipped = [],
        Custom = new Dictionary<string, CustomAggregatorResult>(),
    };
}
