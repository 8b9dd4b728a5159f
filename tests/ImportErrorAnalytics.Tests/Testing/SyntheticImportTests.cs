using ImportErrorAnalytics.Testing;

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
}
