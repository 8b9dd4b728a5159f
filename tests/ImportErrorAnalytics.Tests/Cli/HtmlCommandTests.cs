using System.Text;
using System.Text.Json;
using ImportErrorAnalytics.Cli;
using ImportErrorAnalytics.Testing.FakeHubSpot;
using ImportErrorAnalytics.Tests.Reporting.Html;
using ImportErrorAnalytics.Tests.Support;

namespace ImportErrorAnalytics.Tests.Cli;

/// <summary><c>--format html</c>, <c>--html-out</c> and <c>--html-max-bytes</c> on report, merge, demo and diff, through the real command line.</summary>
public class HtmlCommandTests
{
    private static string Samples => SamplePaths.ImportDirectory;

    private static string[] Pages => Directory.GetFiles(Samples, "*.json").Order(StringComparer.Ordinal).ToArray();

    private static async Task<(int Code, string Out, string Err)> Iea(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await IeaCommand.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Report_FormatHtml_WritesThePageToStandardOutput()
    {
        var (code, output, error) = await Iea("report", "--input", Samples, "--format", "html");

        Assert.True(code == ExitCodes.Success, error);
        var document = HtmlChecks.CheckPage(output.TrimEnd('\n'));
        Assert.Equal(238, HtmlChecks.Column(document.QuerySelector("#error-types table")!, "Errors")[0]);
    }

    [Fact]
    public async Task Report_HtmlOut_BesideJsonAndMarkdownInOneRun()
    {
        using var temp = new TempDirectory();
        var (json, markdown, html) = (Path.Combine(temp.Path, "r.json"), Path.Combine(temp.Path, "r.md"), Path.Combine(temp.Path, "r.html"));

        var (code, output, error) = await Iea("report", "--input", Samples, "--json-out", json, "--markdown-out", markdown, "--html-out", html);

        Assert.True(code == ExitCodes.Success, error);
        Assert.Equal(output.TrimEnd('\n'), await File.ReadAllTextAsync(json));
        Assert.StartsWith("# Import errors", await File.ReadAllTextAsync(markdown), StringComparison.Ordinal);
        var document = HtmlChecks.CheckPage(await File.ReadAllTextAsync(html));
        Assert.Equal("600", document.QuerySelector("#summary dd")!.TextContent);
    }

    [Fact]
    public async Task Report_FormatHtmlWithOut_AndASmallBudget_KeepsToIt()
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "r.html");

        var (code, _, error) = await Iea("report", "--input", Samples, "--format", "html", "--out", path, "--html-max-bytes", "65536");

        Assert.True(code == ExitCodes.Success, error);
        var html = await File.ReadAllTextAsync(path);
        Assert.InRange(Encoding.UTF8.GetByteCount(html), 1, 65536);
        HtmlChecks.CheckPage(html);
    }

    [Theory]
    [InlineData("65535")]
    [InlineData("0")]
    [InlineData("-1")]
    public async Task Report_HtmlMaxBytesBelow64KiB_IsAUsageError(string value)
    {
        var (code, output, error) = await Iea("report", "--input", Samples, "--html-max-bytes", value);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("--html-max-bytes must be 65536 or more.", error, StringComparison.Ordinal);
        Assert.Empty(output);
    }

    [Fact]
    public async Task Merge_WritesHtml()
    {
        using var temp = new TempDirectory();
        var first = Path.Combine(temp.Path, "first.snap");
        var second = Path.Combine(temp.Path, "second.snap");
        Assert.Equal(ExitCodes.Success, (await Iea(["report", "--input", .. Pages[..3], "--snapshot", first, "--out", first + ".json"])).Code);
        Assert.Equal(ExitCodes.Success, (await Iea(["report", "--input", .. Pages[3..], "--snapshot", second, "--out", second + ".json"])).Code);
        var html = Path.Combine(temp.Path, "all.html");

        var (code, output, error) = await Iea("merge", first, second, "--format", "html", "--html-out", html);

        Assert.True(code == ExitCodes.Success, error);
        Assert.Equal((await File.ReadAllTextAsync(html)).TrimEnd('\n'), output.TrimEnd('\n'));
        var document = HtmlChecks.CheckPage(await File.ReadAllTextAsync(html));
        Assert.Equal("600", document.QuerySelector("#summary dd")!.TextContent);
    }

    [Fact]
    public async Task Diff_FormatHtml()
    {
        using var temp = new TempDirectory();
        var before = Path.Combine(temp.Path, "before.json");
        var after = Path.Combine(temp.Path, "after.json");
        Assert.Equal(ExitCodes.Success, (await Iea("report", "--input", Samples, "--out", before)).Code);
        Assert.Equal(ExitCodes.Success, (await Iea(["report", "--input", .. Pages[..2], "--out", after])).Code);
        var path = Path.Combine(temp.Path, "diff.html");

        var (code, output, error) = await Iea("diff", before, after, "--format", "html");
        var (fileCode, _, _) = await Iea("diff", before, after, "--format", "html", "--out", path);

        Assert.True(code == ExitCodes.Success, error);
        Assert.Equal(ExitCodes.Success, fileCode);
        Assert.Equal((await File.ReadAllTextAsync(path)).TrimEnd('\n'), output.TrimEnd('\n'));
        var document = HtmlChecks.CheckPage(await File.ReadAllTextAsync(path));
        Assert.Equal(238, HtmlChecks.Column(document.QuerySelector("#error-types table")!, "Before")[0]);
    }

    [Fact]
    public async Task Demo_FormatHtml()
    {
        var (code, output, error) = await Iea("demo", "--errors", "300", "--page-size", "100", "--no-faults", "--format", "html");

        Assert.True(code == ExitCodes.Success, error);
        var document = HtmlChecks.CheckPage(output.TrimEnd('\n'));
        Assert.NotNull(document.GetElementById("blocks"));
        Assert.Contains("<dt>Errors</dt><dd>300</dd>", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SeveralImports_WriteEachImportsHtmlBesideTheCombinedOne()
    {
        var imports = FakeHubSpotImports.Imports(300, 200);
        await using var server = await FakeHubSpotImports.StartAsync(imports);
        using var temp = new TempDirectory();
        var variable = "IEA_TEST_TOKEN_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, server.AccessToken);
        try
        {
            var (code, _, error) = await Iea(
                "report", "--base-url", server.BaseAddress.ToString(), "--limit", "100", "--rate-limit", "10000", "--token-env", variable,
                "--import-id", imports[0].Id, "--import-id", imports[1].Id, "--out", Path.Combine(temp.Path, "r.json"), "--html-out", Path.Combine(temp.Path, "r.html"));

            Assert.True(code == ExitCodes.Success, error);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }

        Assert.Equal(
            new[] { "r.5001.html", "r.5001.json", "r.5002.html", "r.5002.json", "r.html", "r.json" },
            Directory.GetFiles(temp.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var combined = HtmlChecks.CheckPage(await File.ReadAllTextAsync(Path.Combine(temp.Path, "r.html")));
        Assert.Equal(["import-1", "import-2"], combined.QuerySelectorAll("section[id^=import-]").Select(s => s.Id!));
        HtmlChecks.CheckPage(await File.ReadAllTextAsync(Path.Combine(temp.Path, "r.5001.html")));
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(temp.Path, "r.json")));
        Assert.Equal(500, json.RootElement.GetProperty("totals").GetProperty("errors").GetInt64());
    }
}
