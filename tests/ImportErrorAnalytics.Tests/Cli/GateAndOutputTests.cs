using System.Text.Json;
using ImportErrorAnalytics.Cli;
using ImportErrorAnalytics.Tests.Support;

namespace ImportErrorAnalytics.Tests.Cli;

/// <summary>Quality gates, output files, value masking and the job summary, through the real command line.</summary>
[Collection("Environment variables")]
public class GateAndOutputTests
{
    private static string Samples => SamplePaths.ImportDirectory;

    private static async Task<(int Code, string Out, string Err)> Iea(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await IeaCommand.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task PassingGates_ExitWithZero()
    {
        var (code, _, error) = await Iea("report", "--input", Samples, "--fail-if-errors", "600", "--fail-if-type", "INVALID_EVENT,UNKNOWN_ERROR");
        Assert.True(code == 0, error);
    }

    [Fact]
    public async Task TrippedGates_ExitWithOneGiveEveryReasonAndStillWriteTheReports()
    {
        using var temp = new TempDirectory();
        var json = Path.Combine(temp.Path, "r.json");
        var markdown = Path.Combine(temp.Path, "r.md");

        var (code, output, error) = await Iea("report", "--input", Samples, "--fail-if-errors", "599", "--fail-if-type", "INVALID_EMAIL", "--fail-if-type", "COLUMN_TOO_LARGE", "--json-out", json, "--markdown-out", markdown);

        Assert.Equal(ExitCodes.GateTripped, code);
        Assert.Contains("600 errors, more than the 599 allowed", error, StringComparison.Ordinal);
        Assert.Contains("238 errors of type INVALID_EMAIL", error, StringComparison.Ordinal);
        Assert.Contains("17 errors of type COLUMN_TOO_LARGE", error, StringComparison.Ordinal);
        Assert.Equal(output.TrimEnd('\n'), await File.ReadAllTextAsync(json));
        Assert.Equal(600, JsonDocument.Parse(await File.ReadAllTextAsync(json)).RootElement.GetProperty("totals").GetProperty("errors").GetInt64());
        Assert.StartsWith("# Import errors", await File.ReadAllTextAsync(markdown), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ErrorRateGate_UsesTheImportsRowTotal()
    {
        await using var server = await FakeHubSpotRuns.StartAsync(FakeHubSpotRuns.Import(400));
        Environment.SetEnvironmentVariable("IEA_GATE_TOKEN", server.AccessToken);
        try
        {
            string[] import = ["report", "--import-id", FakeHubSpotRuns.ImportId, "--base-url", server.BaseAddress.ToString(), "--token-env", "IEA_GATE_TOKEN"];

            var (tripped, _, error) = await Iea([.. import, "--fail-if-error-rate", "40%"]);
            var (passed, _, _) = await Iea([.. import, "--fail-if-error-rate", "0.5"]);

            Assert.Equal(ExitCodes.GateTripped, tripped);
            Assert.Contains("error rate of 50.00", error, StringComparison.Ordinal);
            Assert.Equal(ExitCodes.Success, passed);
        }
        finally
        {
            Environment.SetEnvironmentVariable("IEA_GATE_TOKEN", null);
        }
    }

    [Fact]
    public async Task ErrorRateGate_WithoutARowTotal_CannotBeEvaluated()
    {
        var (code, _, error) = await Iea("report", "--input", Samples, "--fail-if-error-rate", "0.1");

        Assert.Equal(ExitCodes.GateUnavailable, code);
        Assert.Contains("TOTAL_ROWS", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--fail-if-error-rate", "1.5")]
    [InlineData("--fail-if-error-rate", "abc")]
    [InlineData("--fail-if-errors", "-1")]
    [InlineData("--max-bytes", "10")]
    [InlineData("--format", "pdf")]
    [InlineData("--html-max-bytes", "65535")]
    public async Task BadOutputOptions_AreUsageErrors(string option, string value)
    {
        var (code, _, _) = await Iea("report", "--input", Samples, option, value);
        Assert.Equal(ExitCodes.Usage, code);
    }

    [Fact]
    public async Task RedactValues_MasksEveryValueInBothReportsWithAKeyOfItsOwnRun()
    {
        using var temp = new TempDirectory();
        var markdown = Path.Combine(temp.Path, "r.md");

        var (code, json, _) = await Iea("report", "--input", Samples, "--redact-values", "--markdown-out", markdown);
        var (_, again, _) = await Iea("report", "--input", Samples, "--redact-values");

        Assert.Equal(0, code);
        var text = json + await File.ReadAllTextAsync(markdown);
        Assert.DoesNotContain("user0@example", text, StringComparison.Ordinal);
        Assert.DoesNotContain("stage-0", text, StringComparison.Ordinal);
        var values = JsonDocument.Parse(json).RootElement.GetProperty("topInvalidValues").EnumerateArray()
            .SelectMany(c => c.GetProperty("values").EnumerateArray())
            .Where(v => !v.GetProperty("redacted").GetBoolean())
            .ToList();
        Assert.All(values, v => Assert.Matches("^#[0-9a-f]{10}$", v.GetProperty("value").GetString()!));
        Assert.All(values, v => Assert.True(v.GetProperty("masked").GetBoolean()));
        Assert.All(values, v => Assert.Equal(JsonValueKind.Null, v.GetProperty("length").ValueKind));

        // Without --redact-key-env each run draws a random key: equal values group within a run, and match nothing else.
        Assert.NotEqual(Masks(json), Masks(again));
    }

    private static List<string> Masks(string json) => JsonDocument.Parse(json).RootElement.GetProperty("topInvalidValues").EnumerateArray()
        .SelectMany(c => c.GetProperty("values").EnumerateArray())
        .Where(v => v.GetProperty("masked").GetBoolean())
        .Select(v => v.GetProperty("value").GetString()!)
        .ToList();

    [Fact]
    public async Task MarkdownOnStandardOutput_KeepsTheSizeBudget()
    {
        var (code, output, _) = await Iea("report", "--input", Samples, "--format", "markdown", "--max-bytes", "4096");

        Assert.Equal(0, code);
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(output.TrimEnd('\n')) <= 4096);
        Assert.Contains("## Left out", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GithubSummary_AppendsTheMarkdownReport()
    {
        using var temp = new TempDirectory();
        var summary = temp.File("summary.md", "existing line\n");
        Environment.SetEnvironmentVariable("GITHUB_STEP_SUMMARY", summary);
        try
        {
            var (code, _, _) = await Iea("report", "--input", Samples, "--github-summary");

            Assert.Equal(0, code);
            var text = await File.ReadAllTextAsync(summary);
            Assert.StartsWith("existing line\n# Import errors", text, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("GITHUB_STEP_SUMMARY", null);
        }
    }
}
