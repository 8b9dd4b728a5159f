using System.Text.Json;
using ImportErrorAnalytics.Cli;
using ImportErrorAnalytics.Testing.FakeHubSpot;
using ImportErrorAnalytics.Tests.Support;

namespace ImportErrorAnalytics.Tests.Cli;

/// <summary><c>iea report</c> with several <c>--import-id</c>s or <c>--all-imports</c>, against the fake HubSpot.</summary>
public class MultiImportCommandTests
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
        ["report", "--base-url", server.BaseAddress.ToString(), "--limit", "100", "--rate-limit", "10000", .. more];

    [Fact]
    public async Task SeveralImportIds_WriteTheCombinedReportAndEachImportsBesideIt()
    {
        var imports = FakeHubSpotImports.Imports(800, 500);
        await using var server = await FakeHubSpotImports.StartAsync(imports);
        using var temp = new TempDirectory();
        var combinedPath = Path.Combine(temp.Path, "report.json");
        var singlePath = Path.Combine(temp.Path, "single.json");

        var (code, stdout, stderr) = await Iea(server.AccessToken, Report(server, "--import-id", imports[0].Id, "--import-id", imports[1].Id, "--out", combinedPath, "--markdown-out", Path.Combine(temp.Path, "report.md")));
        var (singleCode, _, _) = await Iea(server.AccessToken, Report(server, "--import-id", imports[1].Id, "--out", singlePath));

        Assert.True(code == ExitCodes.Success, stderr);
        Assert.Equal(ExitCodes.Success, singleCode);
        Assert.Equal(
            new[] { "report.5001.json", "report.5001.md", "report.5002.json", "report.5002.md", "report.json", "report.md", "single.json" },
            Directory.GetFiles(temp.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(await File.ReadAllTextAsync(singlePath), await File.ReadAllTextAsync(Path.Combine(temp.Path, "report.5002.json")));
        using var combined = JsonDocument.Parse(await File.ReadAllTextAsync(combinedPath));
        Assert.Equal(1_300, combined.RootElement.GetProperty("totals").GetProperty("errors").GetInt64());
        Assert.Equal(
            imports.Select(i => i.Id),
            combined.RootElement.GetProperty("perImport").GetProperty("totals").EnumerateArray().Select(t => t.GetProperty("importId").GetString()));
        Assert.Contains("## Imports", await File.ReadAllTextAsync(Path.Combine(temp.Path, "report.md")), StringComparison.Ordinal);
        foreach (var written in Directory.GetFiles(temp.Path).Select(File.ReadAllText).Append(stdout).Append(stderr))
        {
            Assert.DoesNotContain(server.AccessToken, written, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task SeveralImportIds_WithSnapshot_WriteOneSnapshotWhoseMergeGivesTheCombinedTables()
    {
        var imports = FakeHubSpotImports.Imports(700, 400, 300);
        await using var server = await FakeHubSpotImports.StartAsync(imports);
        using var temp = new TempDirectory();
        var combinedPath = Path.Combine(temp.Path, "report.json");
        var snapshotPath = Path.Combine(temp.Path, "imports.snap");

        var (code, _, stderr) = await Iea(server.AccessToken, Report(server, [.. imports.SelectMany(i => new[] { "--import-id", i.Id }), "--out", combinedPath, "--snapshot", snapshotPath]));
        var (mergeCode, merged, mergeError) = await MergeAsync(snapshotPath);

        Assert.True(code == ExitCodes.Success, stderr);
        Assert.True(mergeCode == ExitCodes.Success, mergeError);
        using var combined = JsonDocument.Parse(await File.ReadAllTextAsync(combinedPath));
        using var fromSnapshot = JsonDocument.Parse(merged);
        foreach (var table in new[] { "totals", "errorTypes", "columns", "objectTypes", "topInvalidValues", "lineClusters" })
        {
            Assert.Equal(combined.RootElement.GetProperty(table).GetRawText(), fromSnapshot.RootElement.GetProperty(table).GetRawText());
        }

        Assert.Equal(1_400, fromSnapshot.RootElement.GetProperty("totals").GetProperty("errors").GetInt64());
        Assert.DoesNotContain(server.AccessToken, await File.ReadAllTextAsync(snapshotPath), StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Out, string Err)> MergeAsync(string snapshot)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await IeaCommand.RunAsync(["merge", snapshot], stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task AllImportsSince_FollowsTheListsPagesAndKeepsTheRecentOnes()
    {
        var imports = FakeHubSpotImports.Imports(100, 100, 100, 100, 100);
        await using var server = await FakeHubSpotImports.StartAsync(imports, o => o.DefaultPageSize = 2);

        var (code, stdout, stderr) = await Iea(server.AccessToken, Report(server, "--all-imports", "--since", "2026-03-03"));

        Assert.True(code == ExitCodes.Success, stderr);
        using var combined = JsonDocument.Parse(stdout);
        Assert.Equal(
            imports.Skip(2).Select(i => i.Id),
            combined.RootElement.GetProperty("sources").EnumerateArray().Select(s => s.GetProperty("importId").GetString()));
        Assert.Equal(3, server.Requests.Snapshot().Count(r => r.Endpoint == FakeHubSpotEndpoint.ImportList));
        Assert.Contains("3 imports created since 2026-03-03 00:00:00 UTC listed", stderr, StringComparison.Ordinal);
        Assert.Contains("--out FILE also writes each import's report", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(server.AccessToken, stdout + stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AllImports_GatesApplyToTheCombinedReport()
    {
        var imports = FakeHubSpotImports.Imports(300, 200);
        await using var server = await FakeHubSpotImports.StartAsync(imports);

        var (code, _, stderr) = await Iea(server.AccessToken, Report(server, "--all-imports", "--fail-if-errors", "400"));

        Assert.Equal(ExitCodes.GateTripped, code);
        Assert.Contains("500 errors, more than the 400 allowed", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OneMissingImportAmongSeveral_ExitsWithSix()
    {
        var imports = FakeHubSpotImports.Imports(300);
        await using var server = await FakeHubSpotImports.StartAsync(imports);

        var (code, stdout, stderr) = await Iea(server.AccessToken, Report(server, "--import-id", imports[0].Id, "--import-id", "404404"));

        Assert.Equal(ExitCodes.ImportNotFound, code);
        Assert.Contains("404404", stderr, StringComparison.Ordinal);
        Assert.Empty(stdout);
    }

    [Fact]
    public async Task AllImports_WrongToken_ExitsWithFiveAndNeverShowsIt()
    {
        await using var server = await FakeHubSpotImports.StartAsync(FakeHubSpotImports.Imports(100));
        const string wrong = "pat-eu1-87654321-aaaa-bbbb-cccc-dddddddddddd";

        var (code, stdout, stderr) = await Iea(wrong, Report(server, "--all-imports"));

        Assert.Equal(ExitCodes.AuthenticationFailed, code);
        Assert.DoesNotContain(wrong, stdout + stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--all-imports", "--import-id", "1")]
    [InlineData("--import-id", "1", "--since", "2026-03-01")]
    [InlineData("--all-imports", "--since", "last tuesday")]
    [InlineData("--import-id", "1", "--import-id", "2", "--checkpoint", "run.checkpoint")]
    [InlineData("--all-imports", "--checkpoint", "run.checkpoint")]
    [InlineData("--all-imports", "--concurrent-imports", "0")]
    [InlineData("--all-imports", "--input", "errors.json")]
    public async Task BadCombinations_AreUsageErrors(params string[] args)
    {
        var (code, _, stderr) = await Iea("pat-na1-unused", ["report", "--base-url", "http://127.0.0.1:9/", .. args]);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("iea:", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("out/report.json", "42", "out/report.42.json")]
    [InlineData("report.md", "42", "report.42.md")]
    [InlineData("report", "42", "report.42")]
    [InlineData("report.json", "a:b*c", "report.a_b_c.json")]
    public void PerImportPaths_PutTheImportIdBeforeTheExtension(string path, string importId, string expected)
    {
        var actual = ImportSetFiles.PathFor(path, importId);

        Assert.Equal(expected.Replace('/', Path.DirectorySeparatorChar), actual);
    }
}
