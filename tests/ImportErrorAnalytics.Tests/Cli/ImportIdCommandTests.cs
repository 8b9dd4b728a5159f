using System.Text.Json;
using ImportErrorAnalytics.Cli;
using ImportErrorAnalytics.Escaping;
using ImportErrorAnalytics.Testing;
using ImportErrorAnalytics.Testing.FakeHubSpot;
using ImportErrorAnalytics.Tests.Escaping;
using ImportErrorAnalytics.Tests.Support;

namespace ImportErrorAnalytics.Tests.Cli;

/// <summary>
/// One import, one identity (issue 13 §6): <c>--import-id 1 --import-id 01</c> is import 1, read once, with one file
/// beside <c>--out</c>; snapshots of <c>1</c> and <c>01</c> are the same import to <c>iea merge</c>; a checkpoint of
/// <c>1</c> resumes for <c>01</c>; anything but an import id is a usage error naming it. The fake HubSpot serves
/// <c>/imports/01</c> as import 1, as HubSpot reads its int64 path parameter.
/// </summary>
public class ImportIdCommandTests
{
    private const int Errors = 450;

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

    private static async Task<(int Code, string Out, string Err)> Merge(params string[] snapshots)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await IeaCommand.RunAsync(["merge", .. snapshots], stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static Task<FakeHubSpotServer> StartAsync(Action<FakeHubSpotOptions>? configure = null)
    {
        var options = new FakeHubSpotOptions().AddImport(FakeImport.FromSynthetic("1", new SyntheticImport(new SyntheticImportOptions { Seed = 13, Errors = Errors, Files = 2 })));
        configure?.Invoke(options);
        return FakeHubSpotServer.StartAsync(options);
    }

    private static string[] Report(FakeHubSpotServer server, params string[] more) =>
        ["report", "--base-url", server.BaseAddress.ToString(), "--limit", "100", "--rate-limit", "100000", "--max-retries", "0", .. more];

    /// <summary>Every request named import 1 as <c>1</c>; the description once, each page of errors once.</summary>
    private static void AssertReadOnce(FakeHubSpotServer server)
    {
        var requests = server.Requests.Snapshot();
        Assert.All(requests, request => Assert.Equal("1", request.ImportId));
        Assert.Single(requests, request => request.Endpoint == FakeHubSpotEndpoint.Import);
        var pages = server.Requests.ErrorsRequests("1").Select(request => request.After ?? "").ToList();
        Assert.Equal((Errors + 99) / 100, pages.Count);
        Assert.Equal(pages.Distinct(StringComparer.Ordinal).Count(), pages.Count);
    }

    [Theory]
    [InlineData("json")]
    [InlineData("markdown")]
    public async Task TwoSpellingsOfOneImport_AreReadOnce_IntoOneFileBesideOut_AndOneSnapshot(string format)
    {
        await using var server = await StartAsync();
        using var temp = new TempDirectory();
        var extension = format == "json" ? ".json" : ".md";
        var output = Path.Combine(temp.Path, "report" + extension);
        var snapshot = Path.Combine(temp.Path, "run.snap");

        var (code, _, stderr) = await Iea(server.AccessToken, Report(server, "--import-id", "1", "--import-id", "01", "--format", format, "--out", output, "--json-out", Path.Combine(temp.Path, "all.json"), "--snapshot", snapshot));

        Assert.True(code == ExitCodes.Success, stderr);
        AssertReadOnce(server);
        Assert.Contains("iea: import 1 (given as '1', '01') is given more than once; it is read once.", stderr, StringComparison.Ordinal);
        Assert.Equal(
            new[] { "all.1.json", "all.json", "report" + extension, "report.1" + extension, "run.snap" }.Order(StringComparer.Ordinal),
            Directory.GetFiles(temp.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        using var combined = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(temp.Path, "all.json")));
        Assert.Equal(Errors, combined.RootElement.GetProperty("totals").GetProperty("errors").GetInt64());
        Assert.Equal("1", Assert.Single(combined.RootElement.GetProperty("sources").EnumerateArray()).GetProperty("importId").GetString());
        Assert.Equal("1", Assert.Single(combined.RootElement.GetProperty("perImport").GetProperty("totals").EnumerateArray()).GetProperty("importId").GetString());
        if (format == "markdown")
        {
            var markdown = await File.ReadAllTextAsync(output);
            Assert.Contains("## Imports", markdown, StringComparison.Ordinal);
            Assert.DoesNotContain("`01`", markdown, StringComparison.Ordinal);
        }

        var merged = await Merge(snapshot);
        Assert.True(merged.Code == ExitCodes.Success, merged.Err);
        Assert.Equal(Errors, JsonDocument.Parse(merged.Out).RootElement.GetProperty("totals").GetProperty("errors").GetInt64());
    }

    [Fact]
    public async Task TheOneImportSpelledWithLeadingZeros_IsReadAsItsCanonicalId()
    {
        await using var server = await StartAsync();

        var (code, stdout, stderr) = await Iea(server.AccessToken, Report(server, "--import-id", "000001"));

        Assert.True(code == ExitCodes.Success, stderr);
        AssertReadOnce(server);
        Assert.Equal("1", JsonDocument.Parse(stdout).RootElement.GetProperty("sources")[0].GetProperty("importId").GetString());
    }

    [Theory]
    [InlineData("abc", "it holds characters other than the digits 0-9")]
    [InlineData("-1", "it holds characters other than the digits 0-9")]
    [InlineData("+1", "it holds characters other than the digits 0-9")]
    [InlineData(" 1", "it holds characters other than the digits 0-9")]
    [InlineData("1e3", "it holds characters other than the digits 0-9")]
    [InlineData("\u0661", "it holds characters other than the digits 0-9")]
    [InlineData("0", "it is 0, and HubSpot numbers its imports from 1")]
    [InlineData("", "it is empty")]
    [InlineData("9223372036854775808", "it is larger than 9223372036854775807, the largest int64")]
    [InlineData("1\n::error::pwned\u001b[31m", "it holds characters other than the digits 0-9")]
    public async Task NotAnImportId_IsAUsageErrorNamingIt_BeforeAnyRequest(string value, string why)
    {
        await using var server = await StartAsync();

        var single = await Iea(server.AccessToken, Report(server, "--import-id", value));
        var among = await Iea(server.AccessToken, Report(server, "--import-id", "1", "--import-id", value));

        foreach (var (code, stdout, stderr) in new[] { single, among })
        {
            Assert.Equal(ExitCodes.Usage, code);
            Assert.Empty(stdout);
            Assert.Contains(
                $"--import-id takes a HubSpot import id (a whole number from 1 to 9223372036854775807 in the digits 0-9), not {UntrustedText.Quote(value)}: {why}.",
                stderr,
                StringComparison.Ordinal);
            HostileText.AssertSafeStderr(stderr);
        }

        Assert.Equal(0, server.Requests.Count);
    }

    [Fact]
    public async Task SnapshotsOfOneImportSpelledTwoWays_AreTheSameImportToMerge()
    {
        await using var server = await StartAsync();
        using var temp = new TempDirectory();
        var one = Path.Combine(temp.Path, "one.snap");
        var zeroOne = Path.Combine(temp.Path, "zero-one.snap");

        var first = await Iea(server.AccessToken, Report(server, "--import-id", "1", "--snapshot", one, "--out", one + ".json"));
        var second = await Iea(server.AccessToken, Report(server, "--import-id", "01", "--snapshot", zeroOne, "--out", zeroOne + ".json"));
        var (code, stdout, stderr) = await Merge(one, zeroOne);

        Assert.True(first.Code == ExitCodes.Success, first.Err);
        Assert.True(second.Code == ExitCodes.Success, second.Err);
        Assert.Equal(await File.ReadAllTextAsync(one + ".json"), await File.ReadAllTextAsync(zeroOne + ".json"));
        Assert.Equal(ExitCodes.SnapshotsIncompatible, code);
        Assert.Empty(stdout);
        Assert.Contains("both hold HubSpot import '1', so its errors would be counted twice", stderr, StringComparison.Ordinal);
        Assert.Contains("one.snap", stderr, StringComparison.Ordinal);
        Assert.Contains("zero-one.snap", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACheckpointOfImport1_ResumesForImport01_ReadingEachPageOnce()
    {
        await using var server = await StartAsync();
        using var temp = new TempDirectory();
        var checkpoint = Path.Combine(temp.Path, "run.checkpoint");
        var output = Path.Combine(temp.Path, "report.json");
        server.AddFault(new FaultRule(Fault.DailyLimit(), FaultTarget.Errors, [3]));

        var stopped = await Iea(server.AccessToken, Report(server, "--import-id", "1", "--checkpoint", checkpoint));
        server.ClearFaults();
        var (code, _, stderr) = await Iea(server.AccessToken, Report(server, "--import-id", "01", "--checkpoint", checkpoint, "--out", output));

        Assert.True(stopped.Code == ExitCodes.RateLimited, stopped.Err);
        Assert.True(code == ExitCodes.Success, stderr);
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(output));
        Assert.Equal(Errors, report.RootElement.GetProperty("totals").GetProperty("errors").GetInt64());
        Assert.Equal("1", report.RootElement.GetProperty("sources")[0].GetProperty("importId").GetString());
        Assert.All(server.Requests.Snapshot(), request => Assert.Equal("1", request.ImportId));
        var served = server.Requests.ErrorsRequests("1").Where(request => request.Succeeded).Select(request => request.After ?? "").ToList();
        Assert.Equal((Errors + 99) / 100, served.Count);
        Assert.Equal(served.Count, served.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [InlineData("\"importId\":\"1\"", "\"importId\":\"01\"", "its 'importId' is '01', not the canonical spelling of import 1")]
    [InlineData("\"importId\":\"1\"", "\"importId\":\"x1\"", "its 'importId' is 'x1', not a HubSpot import id")]
    [InlineData("\"import\":{\"id\":\"1\"", "\"import\":{\"id\":\"2\"", "its 'import' describes import '2', not import '1' it belongs to")]
    [InlineData("\"import\":{\"id\":\"1\"", "\"import\":{\"id\":\"001\"", "'import' holds an import whose id is '001', not the canonical spelling of import 1")]
    public async Task ACheckpointHoldingANonCanonicalId_IsRefusedAsDamaged(string oldText, string newText, string problem)
    {
        await using var server = await StartAsync();
        using var temp = new TempDirectory();
        var checkpoint = Path.Combine(temp.Path, "run.checkpoint");
        Assert.Equal(ExitCodes.Success, (await Iea(server.AccessToken, Report(server, "--import-id", "1", "--checkpoint", checkpoint))).Code);
        var text = await File.ReadAllTextAsync(checkpoint);
        Assert.Contains(oldText, text, StringComparison.Ordinal);
        await File.WriteAllTextAsync(checkpoint, text.Replace(oldText, newText, StringComparison.Ordinal));
        var requests = server.Requests.Count;

        var (code, _, stderr) = await Iea(server.AccessToken, Report(server, "--import-id", "1", "--checkpoint", checkpoint));

        Assert.Equal(ExitCodes.CheckpointUnusable, code);
        Assert.Contains("is damaged or was written with other settings", stderr, StringComparison.Ordinal);
        Assert.Contains(problem, stderr, StringComparison.Ordinal);
        Assert.Equal(requests, server.Requests.Count);
    }

    [Theory]
    [InlineData("01", "whose id is '01', not the canonical spelling of import 1")]
    [InlineData("0", "whose id is '0', not a HubSpot import id")]
    [InlineData("one", "whose id is 'one', not a HubSpot import id")]
    public async Task ASnapshotHoldingANonCanonicalId_IsRefusedWithTwelve(string id, string problem)
    {
        await using var server = await StartAsync();
        using var temp = new TempDirectory();
        var snapshot = Path.Combine(temp.Path, "run.snap");
        Assert.Equal(ExitCodes.Success, (await Iea(server.AccessToken, Report(server, "--import-id", "1", "--snapshot", snapshot, "--out", snapshot + ".json"))).Code);
        var forged = temp.File("forged.snap", SnapshotBytes.Edited(await File.ReadAllBytesAsync(snapshot), "\"id\":\"1\"", $"\"id\":\"{id}\""));

        var (code, stdout, stderr) = await Merge(forged);

        Assert.Equal(ExitCodes.SnapshotUnreadable, code);
        Assert.Empty(stdout);
        Assert.Contains(problem, stderr, StringComparison.Ordinal);
    }
}
