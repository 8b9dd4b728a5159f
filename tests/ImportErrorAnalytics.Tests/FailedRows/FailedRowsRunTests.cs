using System.Text;
using System.Text.Json;
using ImportErrorAnalytics.FailedRows;
using ImportErrorAnalytics.Model;
using ImportErrorAnalytics.Parsing;
using ImportErrorAnalytics.Pipeline;
using ImportErrorAnalytics.Reporting;
using ImportErrorAnalytics.Testing;
using ImportErrorAnalytics.Tests.Support;

namespace ImportErrorAnalytics.Tests.FailedRows;

/// <summary>
/// The failed rows in a run: privacy (sensitive cells and messages, masks equal to the report's), the spill folder
/// (owner-only, beside the CSV, gone after success, failure and cancellation), the header from the import's mappings.
/// </summary>
public sealed class FailedRowsRunTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Csv => Path.Combine(_temp.Path, "failed.csv");

    private static SyntheticError Error(string id, int line, int? column, string[]? row, string? message = null, string? sensitivity = "none", bool? encrypted = null, long file = 7) => new()
    {
        Id = id,
        ErrorType = "INVALID_EMAIL",
        FileId = file,
        LineNumber = line,
        KnownColumnNumber = column,
        PropertyName = "email",
        DataSensitivity = sensitivity,
        ContainsEncryptedProperties = encrypted,
        InvalidValue = column is { } c && c >= 0 && row is not null && c < row.Length ? row[c] : null,
        RowData = row,
        ErrorMessage = message,
    };

    private async Task<(List<string[]> Rows, FailedRowsSummary Summary, ImportErrorReport Report)> RunAsync(
        IReadOnlyList<SyntheticError> errors, Action<AnalyzerOptions>? configure = null, long budget = FailedRowsOptions.DefaultMemoryBudgetBytes)
    {
        var input = _temp.File("pages.json", JsonText.Page(errors, null));
        FailedRowsSummary? summary = null;
        using var analyzer = ImportErrorAnalyzer.CreateBuilder().AddPath(input).Configure(o => configure?.Invoke(o))
            .WithFailedRows(Csv, new FailedRowsOptions { MemoryBudgetBytes = budget, Written = s => summary = s })
            .Build();
        var report = await analyzer.RunAsync();
        return (StrictCsv.Read(await File.ReadAllBytesAsync(Csv)), summary!, report);
    }

    [Fact]
    public async Task SensitiveError_RedactsItsCellAndMessage_AndTheSameCellOfItsLinesOtherErrors()
    {
        var (rows, _, _) = await RunAsync(
        [
            Error("a", 1, 1, ["Ada", "ada@secret", "x"], "ada@secret is taken", sensitivity: "high"),
            Error("b", 1, 2, ["Ada", "ada@secret", "x"], "x is no date"),
            Error("c", 2, 0, ["Bob", "bob@", "y"], "Bob is fine"),
        ]);

        Assert.Equal(["7", "1", "Ada", "[REDACTED]", "x", "INVALID_EMAIL", "column_2 | column_3", "email", "[REDACTED] | x is no date"], rows[1]);
        Assert.Equal(["7", "2", "Bob", "bob@", "y", "INVALID_EMAIL", "column_1", "email", "Bob is fine"], rows[2]);
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(null, false)]
    public async Task SensitiveError_ThatCannotBePlacedInOneCell_RedactsTheWholeRow(int? column, bool encrypted)
    {
        var (rows, _, _) = await RunAsync(
        [
            Error("a", 3, column, ["Ada", "ada@secret", "x"], "m", sensitivity: "standard", encrypted: encrypted),
            Error("b", 3, 2, ["Ada", "ada@secret", "x"], "n"),
        ]);

        Assert.Equal(["7", "3", "[REDACTED]", "[REDACTED]", "[REDACTED]"], rows[1][..5]);
        Assert.Equal("[REDACTED] | n", rows[1][^1]);
    }

    /// <summary>A negative column (not HubSpot's) places a sensitive value in no one cell: the whole row is redacted, and nothing fails.</summary>
    [Fact]
    public async Task SensitiveError_WithANegativeColumn_RedactsTheWholeRow()
    {
        var (rows, _, _) = await RunAsync([Error("a", 1, -1, ["Ada", "secret"], "m", sensitivity: "high"), Error("b", 1, 0, ["Ada", "secret"], "n")]);

        Assert.Equal(["7", "1", "[REDACTED]", "[REDACTED]", "INVALID_EMAIL", "column_0 | column_1", "email", "[REDACTED] | n"], rows[1]);
    }

    [Fact]
    public async Task RedactValues_MasksEveryCellAndMessage_WithTheReportsOwnMasks()
    {
        var key = ValueMaskKey.FromBytes(Encoding.UTF8.GetBytes("a failed-rows test key of 32 b.."));
        var (rows, _, report) = await RunAsync(
            [Error("a", 1, 1, ["Ada", "bad@", ""], "bad@ is no email")],
            o => { o.MaskValues = true; o.MaskKey = key; });

        var shown = Assert.Single(Assert.Single(report.TopInvalidValues).Values).Value;
        Assert.StartsWith("#", shown, StringComparison.Ordinal);
        Assert.Equal(shown, rows[1][3]);
        Assert.Equal(key.Mask("Ada"u8), rows[1][2]);
        Assert.Equal("", rows[1][4]);
        Assert.Equal(key.Mask("bad@ is no email"u8), rows[1][^1]);
        Assert.DoesNotContain("bad@", await File.ReadAllTextAsync(Csv), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FileWideErrors_AreNoRows_AndAreCounted_AndRowsWithoutCellsArePadded()
    {
        var (rows, summary, _) = await RunAsync(
        [
            Error("a", 0, null, null, "the file has no header"),
            Error("b", 5, 0, null, "no cells"),
            Error("c", 4, 0, ["p", "q"]),
        ]);

        Assert.Equal(["file_id", "line_number", "column_1", "column_2", "error_types", "columns", "properties", "messages"], rows[0]);
        Assert.Equal(["7", "4", "p", "q", "INVALID_EMAIL", "column_1", "email", ""], rows[1]);
        Assert.Equal(["7", "5", "", "", "INVALID_EMAIL", "column_1", "email", "no cells"], rows[2]);
        Assert.Equal((2L, 2L, 1L, 1L), (summary.Rows, summary.Errors, summary.FileWideErrors, summary.RowsWithoutCells));
    }

    [UnixFact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Spills_GoToAnOwnerOnlyFolderBesideTheCsv_GoneWhenTheRunEnds()
    {
        var errors = Enumerable.Range(1, 50).Select(i => Error($"e{i}", 51 - i, 0, [$"v{i}"])).ToArray();
        var (rows, summary, _) = await RunAsync(errors, o => o.MaxDegreeOfParallelism = 2, budget: 100);

        Assert.True(summary.SpillFiles > 10, $"{summary.SpillFiles} spill files");
        Assert.Equal(Enumerable.Range(1, 50).Select(line => line.ToString(System.Globalization.CultureInfo.InvariantCulture)), rows.Skip(1).Select(row => row[1]));
        Assert.Equal(["failed.csv", "pages.json"], Directory.GetFileSystemEntries(_temp.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Csv));
    }

    [UnixFact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void SpillFolder_IsOwnerOnly_WithOwnerOnlyFiles_AndDisposeDeletesIt()
    {
        var collector = new FailedRowsCollector(Csv, new FailedRowsOptions(), null, 1);
        var run = collector.WriteRun([new FailedError(1, 1, "x", null, null, null, null, false, false, ["c"])]);
        var folder = collector.SpillPath!;

        Assert.Equal(_temp.Path, Path.GetDirectoryName(folder));
        Assert.StartsWith(".failed.csv.spill-", Path.GetFileName(folder), StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(run));
        collector.Dispose();
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public async Task MalformedInput_LeavesNoCsvAndNoSpillFolder()
    {
        var good = JsonText.Page(Enumerable.Range(1, 40).Select(i => Error($"e{i}", i, 0, ["v"])).ToArray(), null);
        var input = _temp.File("pages.json", [.. good, .. "\n{\"results\":[{\"id\":"u8.ToArray()]);
        using var analyzer = ImportErrorAnalyzer.CreateBuilder().AddPath(input)
            .WithFailedRows(Csv, new FailedRowsOptions { MemoryBudgetBytes = 1 })
            .Build();

        await Assert.ThrowsAsync<ImportErrorFormatException>(() => analyzer.RunAsync());
        Assert.Equal(["pages.json"], Directory.GetFileSystemEntries(_temp.Path).Select(Path.GetFileName));
    }

    [Fact]
    public async Task ACsvThatCannotBeWrittenAtTheEnd_FailsTheRun_WithTheFinishedRunsReport()
    {
        // The folder goes away once the input is opened: the run counts everything, then the CSV cannot be written.
        var folder = Directory.CreateDirectory(Path.Combine(_temp.Path, "out")).FullName;
        var page = JsonText.Page([Error("e1", 3, 0, ["v"]), Error("e2", 5, 0, ["w"])], null);
        using var analyzer = ImportErrorAnalyzer.CreateBuilder()
            .AddStream("pages.json", _ =>
            {
                Directory.Delete(folder);
                return ValueTask.FromResult<Stream>(new MemoryStream(page));
            })
            .WithFailedRows(Path.Combine(folder, "failed.csv"))
            .Build();

        var failure = await Assert.ThrowsAsync<FailedRowsWriteException>(() => analyzer.RunAsync());

        var report = Assert.IsType<ImportErrorReport>(failure.CompletedResult);
        Assert.Equal(2, report.Totals.Errors);
        Assert.True(report.Complete);
    }

    [Fact]
    public async Task CancelledRun_LeavesNoCsvAndNoSpillFolder()
    {
        // Pages of one error each: once some are committed (and spilled), the run is cancelled mid-input.
        var pages = Enumerable.Range(1, 400).SelectMany(i => JsonText.Page([Error($"e{i}", i, 0, ["v"])], null)).ToArray();
        using var cancel = new CancellationTokenSource();
        var spilled = false;
        var reads = 0;
        void BeforeRead()
        {
            // Past the first 20 reads of 64 bytes, until a spill exists: then cancel, else let the pipeline catch up.
            if (++reads <= 20 || spilled)
            {
                return;
            }

            spilled = Directory.GetFileSystemEntries(_temp.Path, ".failed.csv.spill-*").Length > 0;
            if (spilled)
            {
                cancel.Cancel();
            }
            else
            {
                Thread.Sleep(5);
            }
        }

        using var analyzer = ImportErrorAnalyzer.CreateBuilder()
            .AddStream("slow.json", _ => ValueTask.FromResult<Stream>(new TrickleStream(pages, [64], BeforeRead)))
            .WithFailedRows(Csv, new FailedRowsOptions { MemoryBudgetBytes = 1 })
            .Build();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => analyzer.RunAsync(cancel.Token));
        Assert.True(spilled, "the run had spilled before it was cancelled");
        Assert.Empty(Directory.GetFileSystemEntries(_temp.Path));
    }

    [Fact]
    public void Header_ComesFromTheMappingsWhenEveryFileHasTheSame_ElseTheFallback()
    {
        var mapped = Import("""{"files":[{"fileImportPage":{"columnMappings":[{"columnName":"First"},{"propertyName":"email"},{}]}},{"fileImportPage":{"columnMappings":[{"columnName":"First"},{"propertyName":"email"},{}]}}]}""");
        Assert.Equal(("First,email,column_3,column_4", true), Header(4, [10, 20], mapped));
        Assert.Equal(("column_1,column_2", false), Header(2, [10, 99], mapped));
        Assert.Equal(("column_1", false), Header(1, [null], mapped));

        var differ = Import("""{"files":[{"fileImportPage":{"columnMappings":[{"columnName":"A"}]}},{"fileImportPage":{"columnMappings":[{"columnName":"B"}]}}]}""");
        Assert.Equal(("A", true), Header(1, [10], differ));
        Assert.Equal(("column_1", false), Header(1, [10, 20], differ));

        // As a string holding the request, too.
        var asString = Import(JsonSerializer.Serialize("""{"files":[{"fileImportPage":{"columnMappings":[{"columnName":"S"}]}}]}"""));
        Assert.Equal(("S", true), Header(1, [10], asString));
    }

    [Theory]
    [InlineData("null")]
    [InlineData("42")]
    [InlineData("\"not json {\"")]
    [InlineData("""{"files":"x"}""")]
    [InlineData("""{"files":[null,7,{"fileImportPage":[]},{"fileImportPage":{"columnMappings":{}}}]}""")]
    [InlineData("""{"files":[{"fileImportPage":{"columnMappings":[7,null,{"columnName":3}]}}]}""")]
    public void ImportRequest_OfAnyShape_NeverFails(string request)
    {
        var import = Import(request);
        var (names, _) = Header(3, [10], import);
        Assert.Equal(3, names.Split(',').Length);
    }

    private static HubSpotImport Import(string request)
    {
        using var json = JsonDocument.Parse($$"""{"id":"1","metadata":{"fileIds":["10","20"]},"importRequestJson":{{request}}}""");
        return HubSpotImport.Parse(json.RootElement, "1");
    }

    private static (string, bool) Header(int cells, long?[] files, HubSpotImport import)
    {
        var (names, mapped) = FailedRowsHeader.Build(cells, files.ToHashSet(), false, [import]);
        return (string.Join(",", names), mapped);
    }
}
