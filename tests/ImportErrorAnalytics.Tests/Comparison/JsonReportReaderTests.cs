using ImportErrorAnalytics.Comparison;
using ImportErrorAnalytics.Reporting;
using ImportErrorAnalytics.Testing;
using ImportErrorAnalytics.Tests.Support;

namespace ImportErrorAnalytics.Tests.Comparison;

/// <summary>A JSON report read back for a diff compares exactly like the report it was written from.</summary>
public class JsonReportReaderTests
{
    [Fact]
    public async Task Read_OfAWrittenReport_DiffsEmptyAgainstTheReportItself()
    {
        var import = new SyntheticImport(new SyntheticImportOptions { Seed = 7, Errors = 800, Files = 3, DistinctValuesPerColumn = 30, UnknownTypeRate = 0.02 });
        var report = await AnalyzerRuns.Builder([("r.json", import.ToPageBytes(100), ImportErrorAnalytics.Parsing.InputFormat.Pages)], o => o.DistinctCapacity = 20).Build().RunAsync();

        var read = JsonReportReader.Read(JsonReport.ToUtf8Bytes(report), "r.json");

        Assert.False(ReportDiff.Compare(report, read).HasChanges);
        Assert.Equal(JsonReport.ToJson(report), JsonReport.ToJson(read));
    }

    [Theory]
    [InlineData("not json at all", "neither an iea snapshot nor a JSON report")]
    [InlineData("[1, 2]", "no 'schemaVersion'")]
    [InlineData("{\"schemaVersion\": 2}", "schema version 2")]
    [InlineData("{\"schemaVersion\": 3, \"sources\": [], \"totals\": {}}", "no 'settings'")]
    [InlineData("{\"schemaVersion\": 3, \"complete\": \"yes\"}", "not a JSON report of iea")]
    public void Read_OfSomethingElse_SaysWhatIsWrongAndNamesTheFile(string json, string expected)
    {
        var ex = Assert.Throws<ReportFormatException>(() => JsonReportReader.Read(System.Text.Encoding.UTF8.GetBytes(json), "x.json"));

        Assert.Contains("'x.json'", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }
}
