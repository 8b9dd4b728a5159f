using System.Text.Json;
using ImportErrorAnalytics.Cli;
using ImportErrorAnalytics.Testing.FakeHubSpot;
using ImportErrorAnalytics.Tests.Support;

namespace ImportErrorAnalytics.Tests.Cli;

/// <summary>
/// Outputs that cannot be written (a missing directory, a directory in the way, a full disk, no job summary) end in
/// exit code 14 naming the output: before anything is read when that can be known, else after writing every other output.
/// </summary>
[Collection("Environment variables")]
public class OutputFailureTests
{
    private static string Samples => SamplePaths.ImportDirectory;

    private static async Task<(int Code, string Out, string Err)> Iea(params string[] args) => await Iea(new StringWriter(), args);

    private static async Task<(int Code, string Out, string Err)> Iea(TextWriter stdout, params string[] args)
    {
        var stderr = new StringWriter();
        var code = await IeaCommand.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString() ?? "", stderr.ToString());
    }

    [Theory]
    [InlineData("--out")]
    [InlineData("--json-out")]
    [InlineData("--markdown-out")]
    [InlineData("--html-out")]
    [InlineData("--snapshot")]
    public async Task OutputInAMissingDirectory_ExitsWith14BeforeReading(string option)
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "missing", "report.out");
        var other = Path.Combine(temp.Path, "other.json");

        var (code, output, error) = await Iea("report", "--input", Samples, option, path, option == "--json-out" ? "--markdown-out" : "--json-out", other);

        Assert.Equal(ExitCodes.OutputFailed, code);
        Assert.Contains($"cannot write '{path}' ({option}): the directory '{Path.Combine(temp.Path, "missing")}' does not exist.", error, StringComparison.Ordinal);
        Assert.Contains("nothing was read", error, StringComparison.Ordinal);
        Assert.Empty(output);
        Assert.False(File.Exists(other));
    }

    /// <summary>Two outputs naming one file: the one written last would replace the other without a word.</summary>
    [Theory]
    [InlineData("--json-out", "--html-out")]
    [InlineData("--out", "--markdown-out")]
    [InlineData("--html-out", "--failed-rows")]
    [InlineData("--json-out", "--snapshot")]
    public async Task TwoOutputsNamingOneFile_ExitWith14BeforeReading(string first, string second)
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "same.out");
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, path);

        var (code, output, error) = await Iea("report", "--input", Samples, first, path, second, relative);

        Assert.Equal(ExitCodes.OutputFailed, code);
        Assert.Contains($"{first} and {second} name the same file '{path}': each output needs its own.", error, StringComparison.Ordinal);
        Assert.Contains("nothing was read", error, StringComparison.Ordinal);
        Assert.Empty(output);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task OutputThatIsADirectory_ExitsWith14()
    {
        using var temp = new TempDirectory();

        var (code, _, error) = await Iea("report", "--input", Samples, "--json-out", temp.Path);

        Assert.Equal(ExitCodes.OutputFailed, code);
        Assert.Contains($"cannot write '{temp.Path}' (--json-out): it is a directory.", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GithubSummary_WithoutItsVariable_ExitsWith14BeforeReading()
    {
        Environment.SetEnvironmentVariable("GITHUB_STEP_SUMMARY", null);

        var (code, output, error) = await Iea("report", "--input", Samples, "--github-summary");

        Assert.Equal(ExitCodes.OutputFailed, code);
        Assert.Contains("--github-summary needs the environment variable GITHUB_STEP_SUMMARY", error, StringComparison.Ordinal);
        Assert.Empty(output);
    }

    [Fact]
    public async Task GithubSummary_OnAFullDisk_ExitsWith14AndStillWritesTheReport()
    {
        using var temp = new TempDirectory();
        var report = Path.Combine(temp.Path, "report.json");
        Environment.SetEnvironmentVariable("GITHUB_STEP_SUMMARY", "/dev/full");
        try
        {
            var (code, _, error) = await Iea("report", "--input", Samples, "--github-summary", "--out", report);

            Assert.Equal(ExitCodes.OutputFailed, code);
            Assert.Contains("iea: cannot write the job summary (--github-summary):", error, StringComparison.Ordinal);
            Assert.Equal(600, JsonDocument.Parse(await File.ReadAllTextAsync(report)).RootElement.GetProperty("totals").GetProperty("errors").GetInt64());
        }
        finally
        {
            Environment.SetEnvironmentVariable("GITHUB_STEP_SUMMARY", null);
        }
    }

    [Fact]
    public async Task StandardOutput_ThatCannotBeWritten_ExitsWith14()
    {
        var (code, _, error) = await Iea(new FullWriter(), "report", "--input", Samples);

        Assert.Equal(ExitCodes.OutputFailed, code);
        Assert.Contains("iea: cannot write the report to standard output: No space left on device", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReportThatFailsAtWriteTime_ExitsWith14_TheOtherOutputsAreWritten_AndGatesAreStillTold()
    {
        using var temp = new TempDirectory();
        var report = Path.Combine(temp.Path, "report.json");
        var markdown = Path.Combine(temp.Path, "report.md");
        var snapshot = Path.Combine(temp.Path, "report.snap");

        // A full device passes every check made before reading, and fails the write (a device is written in place).
        report = "/dev/full";
        var (code, _, error) = await Iea("report", "--input", Samples, "--out", report, "--markdown-out", markdown, "--snapshot", snapshot, "--fail-if-errors", "1");

        Assert.Equal(ExitCodes.OutputFailed, code);
        Assert.Contains($"iea: cannot write the report to '{report}' (--out): No space left on device", error, StringComparison.Ordinal);
        Assert.Contains("gate tripped: 600 errors", error, StringComparison.Ordinal);
        Assert.StartsWith("# Import errors", await File.ReadAllTextAsync(markdown), StringComparison.Ordinal);
        Assert.True(new FileInfo(snapshot).Length > 0);
    }

    [Fact]
    public async Task Merge_IntoAMissingDirectory_ExitsWith14()
    {
        using var temp = new TempDirectory();
        var snapshot = Path.Combine(temp.Path, "a.snap");
        Assert.Equal(ExitCodes.Success, (await Iea("report", "--input", Samples, "--snapshot", snapshot, "--out", Path.Combine(temp.Path, "a.json"))).Code);

        var (code, _, error) = await Iea("merge", snapshot, "--markdown-out", Path.Combine(temp.Path, "no", "all.md"));

        Assert.Equal(ExitCodes.OutputFailed, code);
        Assert.Contains("(--markdown-out): the directory", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportReportBesideOut_ThatCannotBeWritten_ExitsWith14_AndTheOthersAreWritten()
    {
        var imports = FakeHubSpotImports.Imports(120, 80);
        await using var server = await FakeHubSpotImports.StartAsync(imports);
        using var temp = new TempDirectory();
        var report = Path.Combine(temp.Path, "report.json");
        Directory.CreateDirectory(Path.Combine(temp.Path, $"report.{imports[0].Id}.json"));
        var variable = "IEA_OUTPUT_TOKEN_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, server.AccessToken);
        try
        {
            var (code, _, error) = await Iea(
                "report", "--import-id", imports[0].Id, "--import-id", imports[1].Id, "--base-url", server.BaseAddress.ToString(), "--token-env", variable, "--rate-limit", "10000", "--out", report);

            Assert.Equal(ExitCodes.OutputFailed, code);
            Assert.Contains($"iea: cannot write the report of import {imports[0].Id} to '{Path.Combine(temp.Path, $"report.{imports[0].Id}.json")}'", error, StringComparison.Ordinal);
            Assert.True(File.Exists(report));
            Assert.True(File.Exists(Path.Combine(temp.Path, $"report.{imports[1].Id}.json")));
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public async Task CheckpointThatCannotBeSaved_ExitsWith14NamingIt()
    {
        // The first errors page waits on the server's own clock until the folder of
        // the checkpoint is gone: the checkpoint is then saved after that page and cannot be.
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        var import = FakeHubSpotRuns.Import(300);
        await using var server = await FakeHubSpotRuns.StartAsync(import, o =>
        {
            o.TimeProvider = clock;
            o.Faults.OnRequest(1, Fault.Delay(TimeSpan.FromMinutes(1)));
        });
        using var temp = new TempDirectory();
        var folder = Directory.CreateDirectory(Path.Combine(temp.Path, "state")).FullName;
        var checkpoint = Path.Combine(folder, "run.checkpoint");
        var variable = "IEA_OUTPUT_TOKEN_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, server.AccessToken);
        try
        {
            var run = Iea(
                "report", "--import-id", FakeHubSpotRuns.ImportId, "--base-url", server.BaseAddress.ToString(), "--token-env", variable, "--limit", "100", "--checkpoint", checkpoint);
            while (server.Requests.ErrorsRequests().Count < 1)
            {
                Assert.False(run.IsCompleted, "the run ended before its first page was asked for");
                await Task.Delay(10);
            }

            Directory.Delete(folder, recursive: true);
            clock.Advance(TimeSpan.FromMinutes(2));
            var (code, _, error) = await run;

            Assert.Equal(ExitCodes.OutputFailed, code);
            Assert.Contains($"The checkpoint '{checkpoint}' cannot be saved:", error, StringComparison.Ordinal);
            Assert.Single(server.Requests.ErrorsRequests());
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    /// <summary>Standard output on a full disk.</summary>
    /// <summary>Standard output on a full device: every write fails, whichever overload the report goes through.</summary>
    private sealed class FullWriter : StringWriter
    {
        public override void Write(char value) => throw Full();

        public override void Write(char[] buffer, int index, int count) => throw Full();

        public override void Write(ReadOnlySpan<char> buffer) => throw Full();

        public override void Write(string? value) => throw Full();

        public override Task WriteAsync(char value) => throw Full();

        public override Task WriteAsync(string? value) => throw Full();

        public override Task WriteAsync(ReadOnlyMemory<char> buffer, CancellationToken cancellationToken = default) => throw Full();

        public override Task WriteLineAsync(string? value) => throw Full();

        public override Task WriteLineAsync(ReadOnlyMemory<char> buffer, CancellationToken cancellationToken = default) => throw Full();

        private static IOException Full() => new("No space left on device");
    }
}
