using System.Text.Json;
using ImportErrorAnalytics.Cli;
using ImportErrorAnalytics.Testing.FakeHubSpot;
using ImportErrorAnalytics.Tests.Shared;
using ImportErrorAnalytics.Tests.Support;

namespace ImportErrorAnalytics.Tests.Cli;

/// <summary><c>iea report --import-id</c> and <c>iea demo</c> through the real command line, against the fake HubSpot.</summary>
[Slow(SlowKind.Process)]
public class HubSpotCommandTests
{
    private static async Task<(int Code, string Out, string Err)> Iea(string token, params string[] args)
    {
        var variable = "IEA_TEST_TOKEN_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, token);
        try
        {
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            var code = await IeaCommand.RunAsync([.. args, "--token-env", variable], stdout, stderr);
            return (code, stdout.ToString(), stderr.ToString());
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    private static string[] Report(FakeHubSpotServer server, params string[] more) =>
        ["report", "--import-id", FakeHubSpotRuns.ImportId, "--base-url", server.BaseAddress.ToString(), .. more];

    [Fact]
    public async Task Report_ThroughFaults_WritesTheReportAndNeverTheToken()
    {
        var import = FakeHubSpotRuns.Import(1_500);
        await using var server = await FakeHubSpotRuns.StartAsync(import, o => o.Faults.OnRequest(2, Fault.RateLimited(TimeSpan.FromSeconds(1))).OnRequest(4, Fault.CutOff()).OnRequest(6, Fault.ServerError(502)));
        using var temp = new TempDirectory();
        var output = Path.Combine(temp.Path, "report.json");
        var checkpoint = Path.Combine(temp.Path, "run.checkpoint");

        var (code, stdout, stderr) = await Iea(server.AccessToken, Report(server, "--limit", "100", "--out", output, "--checkpoint", checkpoint, "--api-version", "v3", "--include-row-data", "--include-error-message"));

        Assert.True(code == ExitCodes.Success, stderr);
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(output));
        Assert.Equal(1_500, report.RootElement.GetProperty("totals").GetProperty("errors").GetInt64());
        Assert.Equal(FakeHubSpotRuns.ImportId, report.RootElement.GetProperty("sources")[0].GetProperty("importId").GetString());
        Assert.Contains("retry", stderr, StringComparison.Ordinal);
        foreach (var written in new[] { stdout, stderr, await File.ReadAllTextAsync(output), await File.ReadAllTextAsync(checkpoint) })
        {
            Assert.DoesNotContain(server.AccessToken, written, StringComparison.Ordinal);
            Assert.DoesNotContain("Ada", written, StringComparison.Ordinal);
        }

        Assert.All(server.Requests.ErrorsRequests(), r => Assert.Contains("includeRowData=true", r.Query, StringComparison.Ordinal));
    }

    [Fact]
    public async Task WrongToken_ExitsWithFiveAndNeverShowsIt()
    {
        await using var server = await FakeHubSpotRuns.StartAsync(FakeHubSpotRuns.Import(100));
        const string wrong = "pat-eu1-99999999-aaaa-bbbb-cccc-dddddddddddd";

        var (code, stdout, stderr) = await Iea(wrong, Report(server));

        Assert.Equal(ExitCodes.AuthenticationFailed, code);
        Assert.Contains("401", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, stdout + stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingScope_ExitsWithFiveNamingTheScope()
    {
        await using var server = await FakeHubSpotRuns.StartAsync(FakeHubSpotRuns.Import(100));

        var (code, _, stderr) = await Iea(FakeHubSpotOptions.DefaultTokenWithoutScope, Report(server));

        Assert.Equal(ExitCodes.AuthenticationFailed, code);
        Assert.Contains("crm.import", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingToken_ExitsWithFive()
    {
        await using var server = await FakeHubSpotRuns.StartAsync(FakeHubSpotRuns.Import(100));

        var (code, _, stderr) = await Iea("", Report(server));

        Assert.Equal(ExitCodes.AuthenticationFailed, code);
        Assert.Contains("IEA_TEST_TOKEN_", stderr, StringComparison.Ordinal);
        Assert.Equal(0, server.Requests.Count);
    }

    [Fact]
    public async Task UnknownImport_ExitsWithSix()
    {
        await using var server = await FakeHubSpotRuns.StartAsync(FakeHubSpotRuns.Import(100));

        var (code, _, _) = await Iea(server.AccessToken, ["report", "--import-id", "404404", "--base-url", server.BaseAddress.ToString()]);

        Assert.Equal(ExitCodes.ImportNotFound, code);
    }

    [Fact]
    public async Task DailyLimit_ExitsWithSeven()
    {
        await using var server = await FakeHubSpotRuns.StartAsync(FakeHubSpotRuns.Import(300), o => o.Faults.OnRequest(2, Fault.DailyLimit()));

        var (code, _, stderr) = await Iea(server.AccessToken, Report(server, "--limit", "100"));

        Assert.Equal(ExitCodes.RateLimited, code);
        Assert.Contains("resets", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DamagedCheckpoint_ExitsWithNine()
    {
        await using var server = await FakeHubSpotRuns.StartAsync(FakeHubSpotRuns.Import(100));
        using var temp = new TempDirectory();
        var checkpoint = temp.File("bad.checkpoint", "not json");

        var (code, _, _) = await Iea(server.AccessToken, Report(server, "--checkpoint", checkpoint));

        Assert.Equal(ExitCodes.CheckpointUnusable, code);
    }

    /// <summary>A device that reads forever, or a pipe no one writes, held the run (reading /dev/zero until memory ran out).</summary>
    [Theory]
    [InlineData("device")]
    [InlineData("pipe")]
    public async Task ACheckpointThatIsNoRegularFile_IsRefusedWithNine_WithoutReadingIt(string kind)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        await using var server = await FakeHubSpotRuns.StartAsync(FakeHubSpotRuns.Import(100));
        using var temp = new TempDirectory();
        var checkpoint = "/dev/zero";
        if (kind == "pipe")
        {
            checkpoint = Path.Combine(temp.Path, "run.checkpoint");
            using var mkfifo = System.Diagnostics.Process.Start("mkfifo", checkpoint);
            await mkfifo.WaitForExitAsync();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        var run = Iea(server.AccessToken, Report(server, "--checkpoint", checkpoint, "--out", Path.Combine(temp.Path, "r.json")));
        var (code, _, stderr) = await run.WaitAsync(TimeSpan.FromMinutes(2));

        Assert.Equal(ExitCodes.CheckpointUnusable, code);
        Assert.Contains("is not a regular file", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--api-version", "v2")]
    [InlineData("--base-url", "ftp://x")]
    [InlineData("--limit", "0")]
    [InlineData("--rate-limit", "0")]
    public async Task BadHubSpotOptions_AreUsageErrors(string option, string value)
    {
        var (code, _, _) = await Iea("t", "report", "--import-id", "1", option, value);
        Assert.Equal(ExitCodes.Usage, code);
    }

    [Fact]
    public async Task InputAndImportTogether_AreAUsageError()
    {
        var (code, _, stderr) = await Iea("t", "report", "--import-id", "1", "--input", "x.json");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("either", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_RunsTheWholePathWithFaultsAndNoToken()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var code = await IeaCommand.RunAsync(["demo", "--errors", "5000", "--page-size", "250"], stdout, stderr);

        Assert.True(code == 0, stderr.ToString());
        using var report = JsonDocument.Parse(stdout.ToString());
        Assert.Equal(5_000, report.RootElement.GetProperty("totals").GetProperty("errors").GetInt64());
        Assert.Equal(20, report.RootElement.GetProperty("totals").GetProperty("pages").GetInt64());
        Assert.Contains("injected faults", stderr.ToString(), StringComparison.Ordinal);
        Assert.Contains("retry", stderr.ToString(), StringComparison.Ordinal);
    }
}
