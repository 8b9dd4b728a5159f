using ImportErrorAnalytics.Reporting;
using ImportErrorAnalytics.Reporting.Markdown;
using ImportErrorAnalytics.Testing;
using ImportErrorAnalytics.Tests.Support;

namespace ImportErrorAnalytics.Tests.Reporting;

/// <summary>
/// Both reports of a fixed synthetic import, byte for byte. A deliberate format change updates the files:
/// run the tests with IEA_UPDATE_GOLDEN=1 and review the diff.
/// </summary>
public class GoldenReportTests
{
    private static async Task<ImportErrorReport> FixedReportAsync()
    {
        var import = new SyntheticImport(new SyntheticImportOptions
        {
            Seed = 424242, Errors = 2_500, Files = 2, DistinctValuesPerColumn = 60, LargeValueRate = 0.004, LargeValueLength = 300, UnknownTypeRate = 0.01,
        });
        return await AnalyzerRuns.Builder([("golden.json", import.ToPageBytes(250), ImportErrorAnalytics.Parsing.InputFormat.Pages)], o =>
        {
            o.Top = 5;
            o.MaxClusters = 4;
            o.DistinctCapacity = 40;
            o.MaxDegreeOfParallelism = 1;
        }).Build().RunAsync();
    }

    [Fact]
    public async Task JsonReport_MatchesTheGoldenFile() => Golden("report.golden.json", JsonReport.ToJson(await FixedReportAsync()));

    [Fact]
    public async Task MarkdownReport_MatchesTheGoldenFile() => Golden("report.golden.md", MarkdownReport.Render(await FixedReportAsync()));

    [Fact]
    public async Task MarkdownReport_KeepsItsSizeBudgetAndSaysWhatItLeftOut()
    {
        var report = await FixedReportAsync();

        var small = MarkdownReport.Render(report, new MarkdownReportOptions { MaxBytes = 6_000 });

        Assert.True(System.Text.Encoding.UTF8.GetByteCount(small) <= 6_000);
        Assert.Contains("## Left out", small, StringComparison.Ordinal);
        Assert.Contains("more", small, StringComparison.Ordinal);
    }

    private static void Golden(string name, string actual)
    {
        var path = Path.Combine(SourceDirectory(), "Reporting", "Golden", name);
        if (Environment.GetEnvironmentVariable("IEA_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, actual);
        }

        Assert.True(File.Exists(path), $"{path} is missing: run the tests once with IEA_UPDATE_GOLDEN=1.");
        Assert.Equal(File.ReadAllText(path).ReplaceLineEndings("\n"), actual.ReplaceLineEndings("\n"));
    }

    private static string SourceDirectory([System.Runtime.CompilerServices.CallerFilePath] string file = "") =>
        Path.GetDirectoryName(Path.GetDirectoryName(file))!;
}
