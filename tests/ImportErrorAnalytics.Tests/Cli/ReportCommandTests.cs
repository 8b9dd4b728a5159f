using System.Text;
using System.Text.Json;
using ImportErrorAnalytics.Cli;
using ImportErrorAnalytics.Testing;
using ImportErrorAnalytics.Tests.Support;

namespace ImportErrorAnalytics.Tests.Cli;

public class ReportCommandTests
{
    private static async Task<(int Code, string Out, string Err)> Iea(params string[] args) => await IeaWithInput(null, args);

    private static async Task<(int Code, string Out, string Err)> IeaWithInput(byte[]? stdin, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await IeaCommand.RunAsync(args, stdout, stderr, stdin is null ? null : () => new MemoryStream(stdin));
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static string SampleDirectory => SamplePaths.ImportDirectory;

    [Fact]
    public async Task Report_OnTheCommittedSamples_WritesTheJsonReport()
    {
        var (code, output, error) = await Iea("report", "--input", SampleDirectory);

        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(3, json.RootElement.GetProperty("schemaVersion").GetInt32());
        Assert.Equal(600, json.RootElement.GetProperty("totals").GetProperty("errors").GetInt64());
        Assert.Equal(6, json.RootElement.GetProperty("totals").GetProperty("pages").GetInt64());
    }

    [Fact]
    public async Task Report_WithOutAndOptions_WritesTheFile()
    {
        using var temp = new TempDirectory();
        var out1 = Path.Combine(temp.Path, "report.json");

        var (code, output, _) = await Iea("report", "-i", SampleDirectory, "--out", out1, "--top", "2", "--max-clusters", "1", "--cluster-gap", "0", "--parallelism", "1");

        Assert.Equal(0, code);
        Assert.Empty(output);
        using var json = JsonDocument.Parse(File.ReadAllText(out1));
        Assert.All(json.RootElement.GetProperty("topInvalidValues").EnumerateArray(), c => Assert.True(c.GetProperty("values").GetArrayLength() <= 2));
        Assert.All(json.RootElement.GetProperty("lineClusters").EnumerateArray(), f => Assert.True(f.GetProperty("clusters").GetArrayLength() <= 1));
        Assert.Equal(0, json.RootElement.GetProperty("settings").GetProperty("clusterGap").GetInt32());
    }

    [Fact]
    public async Task Report_FromStdinAsNdjson_ReadsIt()
    {
        var ndjson = new SyntheticImport(new SyntheticImportOptions { Errors = 30 }).ToNdjsonBytes();

        var (code, output, _) = await IeaWithInput(ndjson, "report", "--input", "-", "--input-format", "ndjson");

        Assert.Equal(0, code);
        Assert.Equal(30, JsonDocument.Parse(output).RootElement.GetProperty("totals").GetProperty("errors").GetInt64());
    }

    [Theory]
    [InlineData("report")]
    [InlineData("report", "--input", "x.json", "--top", "-1")]
    [InlineData("report", "--input", "x.json", "--format", "yaml")]
    [InlineData("report", "--input", "x.json", "--no-such-option")]
    [InlineData("frobnicate")]
    public async Task UsageErrors_ExitWithTwo(params string[] args)
    {
        var (code, _, error) = await Iea(args);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("iea:", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingInput_ExitsWithThreeAndNamesIt()
    {
        var (code, _, error) = await Iea("report", "--input", "/no/such/dir");

        Assert.Equal(ExitCodes.InputNotFound, code);
        Assert.Contains("/no/such/dir", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MalformedInput_ExitsWithFourNamingFileAndOffset()
    {
        using var temp = new TempDirectory();
        var bad = temp.File("bad.json", """{"results":[{"id":"a","createdAt":"yesterday"}]}""");

        var (code, output, error) = await Iea("report", "--input", bad);

        Assert.Equal(ExitCodes.MalformedData, code);
        Assert.Empty(output);
        Assert.Contains("bad.json", error, StringComparison.Ordinal);
        Assert.Contains("at byte 34", error, StringComparison.Ordinal);
        Assert.Contains("record 1", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MalformedInput_WithOut_WritesThePartialReport()
    {
        using var temp = new TempDirectory();
        temp.File("1.json", JsonText.Page([new SyntheticError { Id = "a", ErrorType = "INVALID_EMAIL" }], null));
        temp.File("2.json", "{\"results\":[{\"id\":");
        var report = Path.Combine(temp.Path, "out.json");

        var (code, _, _) = await Iea("report", "--input", temp.Path, "--out", report, "--parallelism", "1");

        Assert.Equal(ExitCodes.MalformedData, code);
        using var json = JsonDocument.Parse(File.ReadAllText(report));
        Assert.False(json.RootElement.GetProperty("complete").GetBoolean());
        Assert.Equal(1, json.RootElement.GetProperty("totals").GetProperty("errors").GetInt64());
    }

    [Fact]
    public async Task KeepGoing_ExitsWithZeroAndListsTheSkippedPage()
    {
        using var temp = new TempDirectory();
        temp.File("1.json", JsonText.Page([new SyntheticError { Id = "a" }], null));
        temp.File("2.json", Encoding.UTF8.GetBytes("<html>oops</html>"));

        var (code, output, error) = await Iea("report", "--input", temp.Path, "--keep-going");

        Assert.Equal(0, code);
        var skipped = Assert.Single(JsonDocument.Parse(output).RootElement.GetProperty("skipped").EnumerateArray());
        Assert.EndsWith("2.json", skipped.GetProperty("source").GetString(), StringComparison.Ordinal);
        Assert.Contains("2.json", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeepGoing_OnNdjson_NamesTheSkippedLine_NotAPage()
    {
        using var temp = new TempDirectory();
        var input = temp.File("errors.ndjson", "{\"errorType\":\"INVALID_EMAIL\"}\n{\"errorType\":\"INVALID_EMAIL\"},\n{\"errorType\":\"INVALID_EMAIL\"}\n");

        var (code, output, error) = await Iea("report", "--input", input, "--keep-going");

        Assert.Equal(0, code);
        Assert.Contains("errors.ndjson' line 2 at byte", error, StringComparison.Ordinal);
        Assert.DoesNotContain(" page ", error, StringComparison.Ordinal);
        Assert.Equal(2, JsonDocument.Parse(output).RootElement.GetProperty("totals").GetProperty("errors").GetInt64());
    }

    [Fact]
    public async Task Help_ListsTheReportOptions()
    {
        var (code, output, _) = await Iea("report", "--help");

        Assert.Equal(0, code);
        foreach (var option in new[] { "--input", "--format", "--out", "--top", "--cluster-gap", "--max-clusters", "--distinct-capacity", "--keep-going" })
        {
            Assert.Contains(option, output, StringComparison.Ordinal);
        }
    }
}
