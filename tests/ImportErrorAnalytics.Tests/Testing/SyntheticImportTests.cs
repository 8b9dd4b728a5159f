using System.Text.Json.Nodes;
using ImportErrorAnalytics.Parsing;
using ImportErrorAnalytics.Reporting;
using ImportErrorAnalytics.Testing;
using ImportErrorAnalytics.Tests.Support;

namespace ImportErrorAnalytics.Tests.Testing;

public class SyntheticImportTests
{
    [Fact]
    public void WithoutMaxErrorsPerFile_ALargeImportPilesErrorsOnEachFilesLastRow()
    {
        var import = new SyntheticImport(new SyntheticImportOptions { Errors = 60_000, Files = 2, RowsPerFile = 100_000 });

        var onLastRow = import.Generate().Count(e => e.LineNumber == 100_000);

        Assert.Equal(2, import.FileCount);
        Assert.True(onLastRow > 10_000, $"{onLastRow} errors on the last row");
    }

    [Fact]
    public void MaxErrorsPerFile_AddsFilesSoFailingLinesStayInsideThem()
    {
        var import = new SyntheticImport(new SyntheticImportOptions { Errors = 60_000, Files = 2, RowsPerFile = 100_000, MaxErrorsPerFile = 5_000 });

        var errors = import.Generate().ToList();

        Assert.Equal(12, import.FileCount);
        Assert.Equal(import.FileIds, errors.Select(e => e.FileId!.Value).Distinct());
        Assert.All(errors.GroupBy(e => e.FileId), file => Assert.InRange(file.Count(), 4_900, 5_100));
        Assert.DoesNotContain(errors, e => e.LineNumber == 100_000);
    }

    [Fact]
    public void MaxErrorsPerFile_AboveTheErrorsPerFile_ChangesNothing()
    {
        var options = new SyntheticImportOptions { Errors = 3_000, Files = 3 };
        var plain = new SyntheticImport(options).Generate().ToList();

        options.MaxErrorsPerFile = 1_000_000;
        var capped = new SyntheticImport(options).Generate().ToList();

        Assert.Equal(plain, capped);
    }

    [Fact]
    public void FullAndLeanShapes_GiveTheSameReport_OnlyTheBytesDiffer()
    {
        var full = new SyntheticImportOptions { Seed = 77, Errors = 5_000, DistinctValuesPerColumn = 300, SensitiveRate = 0.05, UnknownTypeRate = 0.01, LargeValueRate = 0.002, LargeValueLength = 1_000 };
        var lean = full.Copy();
        lean.Shape = SyntheticShape.Lean;
        var fullBytes = new SyntheticImport(full).ToPageBytes(250);
        var leanBytes = new SyntheticImport(lean).ToPageBytes(250);

        var fullReport = ReportWithoutBytes(fullBytes);
        var leanReport = ReportWithoutBytes(leanBytes);

        Assert.Equal(leanReport, fullReport);
        Assert.Contains("\"redactedValues\":", fullReport, StringComparison.Ordinal);
        Assert.InRange(fullBytes.Length, leanBytes.Length * 19 / 10, leanBytes.Length * 22 / 10);
    }

    [Theory]
    [InlineData(SyntheticShape.Full, 950, 1_150)]
    [InlineData(SyntheticShape.Lean, 470, 570)]
    public void RecordSizes_AreThoseOfTheShape(SyntheticShape shape, int least, int most)
    {
        var bytes = new SyntheticImport(new SyntheticImportOptions { Seed = 2026, Errors = 20_000, Shape = shape }).ToNdjsonBytes();

        Assert.InRange(bytes.Length / 20_000, least, most);
    }

    [Theory]
    [InlineData(SyntheticShape.Full)]
    [InlineData(SyntheticShape.Lean)]
    public void EqualSeeds_GiveEqualBytes_OtherSeedsOtherBytes(SyntheticShape shape)
    {
        byte[] Bytes(int seed) => new SyntheticImport(new SyntheticImportOptions { Seed = seed, Errors = 3_000, Shape = shape, IncludeRowData = true }).ToPageBytes(300);

        Assert.Equal(Bytes(4), Bytes(4));
        Assert.NotEqual(Bytes(4), Bytes(5));
    }

    [Fact]
    public void RowDataAndErrorMessages_ChangeNothingElse()
    {
        var plain = new SyntheticImportOptions { Seed = 8, Errors = 2_000 };
        var both = plain.Copy();
        both.IncludeRowData = true;
        both.IncludeErrorMessage = true;

        var withBoth = new SyntheticImport(both).Generate().ToList();
        var without = new SyntheticImport(plain).Generate().ToList();

        Assert.Equal(without, withBoth.Select(e => e with { RowData = [], ErrorMessage = null }));
        Assert.All(withBoth.Where(e => e.KnownColumnNumber is not null), e => Assert.Equal(e.InvalidValue, e.RowData![e.KnownColumnNumber!.Value]));
    }

    [Fact]
    public void WritePageFiles_NamesSortInPageOrder_AndOnlyTheLastPageHasNoCursor()
    {
        var directory = Directory.CreateTempSubdirectory("iea-pages-");
        try
        {
            var written = new SyntheticImport(new SyntheticImportOptions { Errors = 10 }).WritePageFiles(directory.FullName, 3);

            var files = directory.GetFiles().Select(f => f.Name).Order(StringComparer.Ordinal).ToList();
            var last = JsonNode.Parse(File.ReadAllText(Path.Combine(directory.FullName, files[^1])))!;
            var first = JsonNode.Parse(File.ReadAllText(Path.Combine(directory.FullName, files[0])))!;

            Assert.Equal(4, written);
            Assert.Equal(["page-00001.json", "page-00002.json", "page-00003.json", "page-00004.json"], files);
            Assert.Null(last["paging"]);
            Assert.Equal(SyntheticImport.Cursor(1), (string?)first["paging"]!["next"]!["after"]);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static string ReportWithoutBytes(byte[] pages)
    {
        var report = AnalyzerRuns.Run([("pages.json", pages, InputFormat.Pages)], o => o.MaxDegreeOfParallelism = 1);
        var json = JsonNode.Parse(JsonReport.ToJson(report))!;
        json["totals"]!.AsObject().Remove("bytes");
        return json.ToJsonString();
    }
}
