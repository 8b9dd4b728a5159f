using ImportErrorAnalytics.Comparison;

namespace ImportErrorAnalytics.Tests.Comparison;

/// <summary>
/// The JSON and Markdown diff of two committed JSON reports (of the sample's pages 1-3 and 3, 5, 6), byte for byte. A
/// deliberate format change updates the files: run the tests with IEA_UPDATE_GOLDEN=1 and review the diff.
/// </summary>
public class DiffGoldenTests
{
    private static ReportDiff GoldenDiff() => ReportDiff.Compare(Read("before.report.json"), Read("after.report.json"));

    [Fact]
    public void JsonDiff_MatchesTheGoldenFile() => Golden("diff.golden.json", GoldenDiff().ToJson());

    [Fact]
    public void MarkdownDiff_MatchesTheGoldenFile() => Golden("diff.golden.md", GoldenDiff().ToMarkdown());

    [Fact]
    public void GoldenReports_ShowANewTypeAndChangesBothWays()
    {
        var diff = GoldenDiff();

        Assert.Contains(diff.ErrorTypes, type => type.Kind == ChangeKind.New);
        Assert.Contains(diff.ErrorTypes, type => type.Kind == ChangeKind.Increased);
        Assert.Contains(diff.ErrorTypes, type => type.Kind == ChangeKind.Decreased);
        Assert.NotEmpty(diff.TopValues);
    }

    private static ImportErrorAnalytics.Reporting.ImportErrorReport Read(string name)
    {
        var path = Path.Combine(SourceDirectory(), "Golden", name);
        return JsonReportReader.Read(File.ReadAllBytes(path), name);
    }

    private static void Golden(string name, string actual)
    {
        var path = Path.Combine(SourceDirectory(), "Golden", name);
        if (Environment.GetEnvironmentVariable("IEA_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, actual);
        }

        Assert.True(File.Exists(path), $"{path} is missing: run the tests once with IEA_UPDATE_GOLDEN=1.");
        Assert.Equal(File.ReadAllText(path).ReplaceLineEndings("\n"), actual.ReplaceLineEndings("\n"));
    }

    private static string SourceDirectory([System.Runtime.CompilerServices.CallerFilePath] string file = "") =>
        Path.GetDirectoryName(file)!;
}
