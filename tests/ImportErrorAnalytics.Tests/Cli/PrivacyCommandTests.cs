using System.Text;
using System.Text.Json;
using ImportErrorAnalytics.Cli;
using ImportErrorAnalytics.Tests.Support;

namespace ImportErrorAnalytics.Tests.Cli;

/// <summary>
/// What the sample import's sensitive values and a value mask key become on the command line: values HubSpot classes
/// as anything but <c>none</c> are redacted unless <c>--show-standard-sensitivity</c> shows the <c>standard</c> ones,
/// and <c>--redact-key-env</c> keys the masks without the key ever appearing.
/// </summary>
public class PrivacyCommandTests
{
    /// <summary>The sample's values of standard sensitivity (its 26 phone numbers) and the one HubSpot masked part of.</summary>
    private const string Phone = "+1 (002) ext";

    private const string PartlyMasked = "note 3";

    private static async Task<(int Code, string Out, string Err)> Iea(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await IeaCommand.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static string Sample => SamplePaths.ImportDirectory;

    private static List<string> Values(string json) => JsonDocument.Parse(json).RootElement.GetProperty("topInvalidValues").EnumerateArray()
        .SelectMany(c => c.GetProperty("values").EnumerateArray()).Select(v => v.GetProperty("value").GetString()!).ToList();

    [Fact]
    public async Task Sample_RedactsStandardHighAndPartlyMaskedValues_InReportsAndSnapshots()
    {
        using var temp = new TempDirectory();
        var snapshot = Path.Combine(temp.Path, "s.snap");
        var markdown = Path.Combine(temp.Path, "r.md");

        var (code, json, error) = await Iea("report", "--input", Sample, "--snapshot", snapshot, "--markdown-out", markdown);

        Assert.True(code == 0, error);
        using var report = JsonDocument.Parse(json);
        Assert.Equal(46, report.RootElement.GetProperty("totals").GetProperty("redactedValues").GetInt64());
        Assert.False(report.RootElement.GetProperty("settings").GetProperty("showStandardSensitivity").GetBoolean());
        var shownMarkdown = await File.ReadAllTextAsync(markdown);
        var snapshotText = await File.ReadAllTextAsync(snapshot);
        foreach (var secret in new[] { Phone, PartlyMasked })
        {
            Assert.DoesNotContain(secret, Values(json));
            Assert.DoesNotContain(secret, shownMarkdown, StringComparison.Ordinal);

            // A snapshot keeps values as base64 of their bytes.
            Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes(secret)), snapshotText, StringComparison.Ordinal);
        }

        Assert.Contains(Convert.ToBase64String(Encoding.UTF8.GetBytes("note 0")), snapshotText, StringComparison.Ordinal);

        // The merge of the snapshot says the same.
        var (merged, mergedJson, mergeError) = await Iea("merge", snapshot);
        Assert.True(merged == 0, mergeError);
        Assert.Equal(Values(json), Values(mergedJson));
    }

    [Fact]
    public async Task ShowStandardSensitivity_ShowsOnlyTheStandardValues_AndItsSnapshotsMergeOnlyWithTheirKind()
    {
        using var temp = new TempDirectory();
        var shown = Path.Combine(temp.Path, "shown.snap");
        var hidden = Path.Combine(temp.Path, "hidden.snap");
        var pages = Directory.GetFiles(Sample, "*.json").Order(StringComparer.Ordinal).ToArray();

        var (code, json, error) = await Iea("report", "--input", pages[0], pages[1], pages[2], "--show-standard-sensitivity", "--snapshot", shown);
        await Iea("report", "--input", pages[3], pages[4], pages[5], "--snapshot", hidden);
        var (whole, wholeJson, _) = await Iea("report", "--input", Sample, "--show-standard-sensitivity");
        var (mixed, _, mixedError) = await Iea("merge", shown, hidden);

        Assert.True(code == 0, error);
        Assert.Equal(0, whole);
        Assert.Contains(Phone, Values(json));
        Assert.True(JsonDocument.Parse(json).RootElement.GetProperty("settings").GetProperty("showStandardSensitivity").GetBoolean());
        Assert.Equal(20, JsonDocument.Parse(wholeJson).RootElement.GetProperty("totals").GetProperty("redactedValues").GetInt64());
        Assert.DoesNotContain(PartlyMasked, Values(wholeJson));
        Assert.Equal(ExitCodes.SnapshotsIncompatible, mixed);
        Assert.Contains("showStandardSensitivity (--show-standard-sensitivity): on and off", mixedError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RedactKeyEnv_GivesTheSameMasksInEveryRunAndMerge_AndNeverShowsTheKey()
    {
        var variable = "IEA_TEST_MASK_KEY_" + Guid.NewGuid().ToString("N");
        var other = variable + "_OTHER";
        var key = "k-" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, key);
        Environment.SetEnvironmentVariable(other, key + "-other");
        try
        {
            using var temp = new TempDirectory();
            var snapshot = Path.Combine(temp.Path, "s.snap");
            var markdown = Path.Combine(temp.Path, "r.md");

            var (code, first, error) = await Iea("report", "--input", Sample, "--redact-key-env", variable, "--snapshot", snapshot, "--markdown-out", markdown);
            var (_, second, _) = await Iea("report", "--input", Sample, "--redact-values", "--redact-key-env", variable);
            var (_, merged, _) = await Iea("merge", snapshot, "--redact-key-env", variable);
            var (_, otherKey, _) = await Iea("report", "--input", Sample, "--redact-key-env", other);
            var (_, plain, _) = await Iea("report", "--input", Sample);

            Assert.True(code == 0, error);
            Assert.Equal(Values(first), Values(second));
            Assert.Equal(Values(first), Values(merged));
            Assert.All(Values(first).Zip(Values(otherKey)).Where(p => p.First.StartsWith('#')), p => Assert.NotEqual(p.First, p.Second));

            // Each mask is the keyed hash of the value the unmasked report shows in its place (the order is the values' own).
            var hmac = Values(plain).Select(v => v == "[REDACTED]" ? v : "#" + Convert.ToHexStringLower(
                System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(v)))[..10]);
            var shortValues = Values(plain).Select((v, i) => (v, i)).Where(p => p.v.Length < 200).Select(p => p.i).ToHashSet();
            Assert.Equal(hmac.Where((_, i) => shortValues.Contains(i)), Values(first).Where((_, i) => shortValues.Contains(i)));

            foreach (var text in new[] { first, second, merged, error, await File.ReadAllTextAsync(markdown), await File.ReadAllTextAsync(snapshot) })
            {
                Assert.DoesNotContain(key, text, StringComparison.Ordinal);
            }
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
            Environment.SetEnvironmentVariable(other, null);
        }
    }

    [Theory]
    [InlineData(null, "is not set")]
    [InlineData("too-short", "needs at least 16")]
    public async Task RedactKeyEnv_WithoutAUsableKey_IsAUsageErrorNamingTheVariableOnly(string? value, string says)
    {
        var variable = "IEA_TEST_MASK_KEY_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, value);
        try
        {
            var (code, output, error) = await Iea("report", "--input", Sample, "--redact-key-env", variable);

            Assert.Equal(ExitCodes.Usage, code);
            Assert.Empty(output);
            Assert.Contains(variable, error, StringComparison.Ordinal);
            Assert.Contains(says, error, StringComparison.Ordinal);
            Assert.DoesNotContain("too-short", error, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }
}
