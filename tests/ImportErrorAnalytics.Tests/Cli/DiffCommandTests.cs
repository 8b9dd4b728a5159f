using System.Text.Json;
using ImportErrorAnalytics.Cli;
using ImportErrorAnalytics.Reporting;
using ImportErrorAnalytics.Tests.Support;

namespace ImportErrorAnalytics.Tests.Cli;

/// <summary><c>iea diff BEFORE AFTER</c> through the real command line: inputs, outputs, gates and exit codes.</summary>
public class DiffCommandTests
{
    private static string[] Pages => Directory.GetFiles(SamplePaths.ImportDirectory, "*.json").Order(StringComparer.Ordinal).ToArray();

    private static async Task<(int Code, string Out, string Err)> Iea(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await IeaCommand.RunAsync(args, stdout, stderr, null);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>A JSON report file with the given error types and, when <paramref name="rows"/> is set, a row total.</summary>
    private static string ReportFile(TempDirectory temp, string name, long? rows, params (string Type, long Count)[] types)
    {
        var report = new ImportErrorReport
        {
            Sources = rows is null ? [] : [new ReportSource { ImportId = "9", Counters = new Dictionary<string, long>(), TotalRows = rows, Warnings = [] }],
            Totals = new ReportTotals { Errors = types.Sum(t => t.Count) },
            Settings = new ReportSettings { Top = 10, DistinctCapacity = 100, MaxDistinctKeys = 1000, ValueDisplayLength = 80 },
            ErrorTypes = [.. types.Select(t => new ErrorTypeCount { ErrorType = t.Type, Count = t.Count, Known = true })],
            Columns = [],
            ObjectTypes = [],
            TopInvalidValues = [],
            LineClusters = [],
            Skipped = [],
            Custom = new Dictionary<string, CustomAggregatorResult>(),
        };
        return temp.File(name, JsonReport.ToJson(report));
    }

    private static async Task<string> SnapshotAsync(TempDirectory temp, string name, IEnumerable<string> pages)
    {
        var path = Path.Combine(temp.Path, name);
        var (code, _, error) = await Iea(["report", "--input", .. pages, "--snapshot", path, "--out", path + ".json"]);
        Assert.True(code == 0, error);
        return path;
    }

    [Fact]
    public async Task Diff_OfASnapshotAndAJsonReport_ToldApartByContent_WritesTheJsonDiff()
    {
        using var temp = new TempDirectory();
        var before = await SnapshotAsync(temp, "before.bin", Pages);
        var after = await SnapshotAsync(temp, "after.bin", Pages.Take(3));

        var (code, stdout, stderr) = await Iea("diff", before, after + ".json");

        Assert.True(code == ExitCodes.Success, stderr);
        using var diff = JsonDocument.Parse(stdout);
        Assert.Equal(600, diff.RootElement.GetProperty("errorsBefore").GetInt64());
        Assert.Equal(300, diff.RootElement.GetProperty("errorsAfter").GetInt64());
        Assert.True(diff.RootElement.GetProperty("hasChanges").GetBoolean());
    }

    [Fact]
    public async Task Diff_WithOut_WritesMarkdownToTheFileOnly()
    {
        using var temp = new TempDirectory();
        var before = ReportFile(temp, "a.json", 100, ("INVALID_EMAIL", 10));
        var after = ReportFile(temp, "b.json", 100, ("INVALID_EMAIL", 4));
        var output = Path.Combine(temp.Path, "diff.md");

        var (code, stdout, stderr) = await Iea("diff", before, after, "--format", "markdown", "--out", output);

        Assert.True(code == ExitCodes.Success, stderr);
        Assert.Equal("", stdout);
        var markdown = await File.ReadAllTextAsync(output);
        Assert.Contains("| `INVALID_EMAIL` | 10 | 4 | ▼ −6 |", markdown, StringComparison.Ordinal);
        Assert.Contains("**Error rate:** 10.00 % → 4.00 % (▼)", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailIfNewType_TripsOnATypeCountedOnlyAfter_AndNamesIt()
    {
        using var temp = new TempDirectory();
        var before = ReportFile(temp, "a.json", null, ("INVALID_EMAIL", 10));
        var after = ReportFile(temp, "b.json", null, ("INVALID_EMAIL", 2), ("INVALID_DOMAIN", 1));

        var tripped = await Iea("diff", before, after, "--fail-if-new-type");
        var passed = await Iea("diff", after, before, "--fail-if-new-type");

        Assert.Equal(ExitCodes.GateTripped, tripped.Code);
        Assert.Contains("gate tripped: a new error type 'INVALID_DOMAIN' with 1 errors (--fail-if-new-type).", tripped.Err, StringComparison.Ordinal);
        Assert.True(passed.Code == ExitCodes.Success, passed.Err);
    }

    [Theory]
    [InlineData(100L, 100L, 10L, 12L, "19", ExitCodes.GateTripped)] // errors and rate +20%
    [InlineData(100L, 100L, 10L, 12L, "20%", ExitCodes.Success)]
    [InlineData(100L, 200L, 10L, 12L, "0", ExitCodes.Success)] // errors grew, the rate fell: the rate decides
    [InlineData(null, null, 10L, 12L, "19", ExitCodes.GateTripped)] // no rows: the errors decide
    [InlineData(null, 100L, 10L, 12L, "21", ExitCodes.Success)]
    [InlineData(null, null, 0L, 1L, "1000", ExitCodes.GateTripped)] // from none to some
    [InlineData(null, null, 5L, 5L, "0", ExitCodes.Success)]
    public async Task FailIfIncrease_ComparesTheRateWhenBothKnowTheirRows_ElseTheErrors(long? rowsBefore, long? rowsAfter, long errorsBefore, long errorsAfter, string percent, int expected)
    {
        using var temp = new TempDirectory();
        var before = ReportFile(temp, "a.json", rowsBefore, ("INVALID_EMAIL", errorsBefore));
        var after = ReportFile(temp, "b.json", rowsAfter, ("INVALID_EMAIL", errorsAfter));

        var (code, _, stderr) = await Iea("diff", before, after, "--fail-if-increase", percent);

        Assert.True(code == expected, stderr);
        Assert.Equal(expected == ExitCodes.GateTripped, stderr.Contains("(--fail-if-increase)", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("ten")]
    public async Task FailIfIncrease_RefusesANegativeOrNonNumber(string percent)
    {
        using var temp = new TempDirectory();
        var report = ReportFile(temp, "a.json", null, ("INVALID_EMAIL", 1));

        var (code, _, stderr) = await Iea("diff", report, report, "--fail-if-increase", percent);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("--fail-if-increase", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diff_OfAMissingFile_Exits3()
    {
        using var temp = new TempDirectory();
        var report = ReportFile(temp, "a.json", null, ("INVALID_EMAIL", 1));

        var (code, _, stderr) = await Iea("diff", report, Path.Combine(temp.Path, "missing.json"));

        Assert.Equal(ExitCodes.InputNotFound, code);
        Assert.Contains("missing.json", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"not\": \"a report\"}")]
    [InlineData("{\"schemaVersion\": 99}")]
    [InlineData("garbage")]
    public async Task Diff_OfAFileThatIsNeitherAReportNorASnapshot_Exits4(string content)
    {
        using var temp = new TempDirectory();
        var report = ReportFile(temp, "a.json", null, ("INVALID_EMAIL", 1));
        var other = temp.File("other.json", content);

        var (code, stdout, stderr) = await Iea("diff", report, other);

        Assert.Equal(ExitCodes.MalformedData, code);
        Assert.Equal("", stdout);
        Assert.Contains("other.json", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diff_OfADamagedSnapshot_Exits12()
    {
        using var temp = new TempDirectory();
        var snapshot = await SnapshotAsync(temp, "s.bin", Pages.Take(1));
        var bytes = await File.ReadAllBytesAsync(snapshot);
        bytes[^5] ^= 0x20;
        await File.WriteAllBytesAsync(snapshot, bytes);

        var (code, _, stderr) = await Iea("diff", snapshot, snapshot + ".json");

        Assert.Equal(ExitCodes.SnapshotUnreadable, code);
        Assert.Contains("s.bin", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diff_OfReportsMaskedWithOneKey_ComparesTheirValues_AndAClearReportJoinsThemWithThatKey()
    {
        using var temp = new TempDirectory();
        var variable = "IEA_TEST_DIFF_KEY_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, "a secret of more than sixteen bytes for the diff");
        try
        {
            var before = Path.Combine(temp.Path, "before.json");
            var after = Path.Combine(temp.Path, "after.json");
            Assert.Equal(0, (await Iea(["report", "--input", .. Pages, "--redact-key-env", variable, "--out", before])).Code);
            Assert.Equal(0, (await Iea(["report", "--input", .. Pages.Take(2), "--redact-key-env", variable, "--out", after])).Code);
            var clear = await SnapshotAsync(temp, "clear.snapshot", Pages.Take(2)); // and clear.snapshot.json, a report in the clear

            var masked = await Iea("diff", before, after);
            var mixedWithoutKey = await Iea("diff", before, clear + ".json");
            var mixedCut = await Iea("diff", before, clear + ".json", "--redact-key-env", variable); // the sample has a value longer than the display length
            var mixedWithKey = await Iea("diff", before, clear, "--redact-key-env", variable, "--format", "markdown");
            var sameAfter = await Iea("diff", after, clear, "--redact-key-env", variable);

            Assert.True(masked.Code == ExitCodes.Success, masked.Err);
            using var maskedDiff = JsonDocument.Parse(masked.Out);
            Assert.StartsWith("key:", maskedDiff.RootElement.GetProperty("maskKeyId").GetString(), StringComparison.Ordinal);
            Assert.DoesNotContain(maskedDiff.RootElement.GetProperty("notCompared").EnumerateArray(), n => n.GetProperty("part").GetString() == "topValues");
            Assert.NotEqual(0, maskedDiff.RootElement.GetProperty("topValues").GetArrayLength());
            Assert.Contains("the masked report", mixedWithoutKey.Out, StringComparison.Ordinal);
            Assert.Contains("a mask of a cut value cannot match", mixedCut.Out, StringComparison.Ordinal);
            Assert.True(mixedWithKey.Code == ExitCodes.Success, mixedWithKey.Err);
            Assert.DoesNotContain("`topValues`", mixedWithKey.Out, StringComparison.Ordinal);
            using var same = JsonDocument.Parse(sameAfter.Out);
            Assert.Equal(0, same.RootElement.GetProperty("topValues").GetArrayLength()); // the same pages, masked by the report or by the diff
            Assert.DoesNotContain(same.RootElement.GetProperty("notCompared").EnumerateArray(), n => n.GetProperty("part").GetString() == "topValues");
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public async Task Diff_WithRedactValues_ShowsNoValueInTheClear()
    {
        using var temp = new TempDirectory();
        var before = Path.Combine(temp.Path, "before.json");
        var after = Path.Combine(temp.Path, "after.json");
        Assert.Equal(0, (await Iea(["report", "--input", .. Pages.Skip(3), "--out", before])).Code);
        Assert.Equal(0, (await Iea(["report", "--input", .. Pages.Take(2), "--out", after])).Code);

        var clear = await Iea("diff", before, after);
        var redacted = await Iea("diff", before, after, "--redact-values", "--format", "markdown");
        var redactedJson = await Iea("diff", before, after, "--redact-values");

        using var clearDiff = JsonDocument.Parse(clear.Out);
        var values = clearDiff.RootElement.GetProperty("topValues").EnumerateArray().Select(v => v.GetProperty("value").GetString()!).ToList();
        Assert.NotEmpty(values);
        Assert.True(redacted.Code == ExitCodes.Success, redacted.Err);
        Assert.Matches("`#[0-9a-f]{10}`", redacted.Out);
        foreach (var value in values.Where(v => v != "[REDACTED]"))
        {
            Assert.DoesNotContain(value, redacted.Out, StringComparison.Ordinal);
            Assert.DoesNotContain("\"" + value + "\"", redactedJson.Out, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Diff_WithAnUnsetKeyVariable_IsAUsageError_NamingTheVariable()
    {
        using var temp = new TempDirectory();
        var report = ReportFile(temp, "a.json", null, ("INVALID_EMAIL", 1));

        var (code, _, stderr) = await Iea("diff", report, report, "--redact-key-env", "IEA_TEST_UNSET_VARIABLE_FOR_DIFF");

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("IEA_TEST_UNSET_VARIABLE_FOR_DIFF", stderr, StringComparison.Ordinal);
    }
}
