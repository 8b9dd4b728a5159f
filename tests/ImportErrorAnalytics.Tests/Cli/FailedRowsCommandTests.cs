using System.Runtime.Versioning;
using ImportErrorAnalytics.Cli;
using ImportErrorAnalytics.FailedRows;
using ImportErrorAnalytics.Testing;
using ImportErrorAnalytics.Testing.FakeHubSpot;
using ImportErrorAnalytics.Tests.FailedRows;
using ImportErrorAnalytics.Tests.Shared;
using ImportErrorAnalytics.Tests.Support;

namespace ImportErrorAnalytics.Tests.Cli;

/// <summary><c>iea report --failed-rows</c>: its usage errors and exit codes, the file's mode, the gates.</summary>
public sealed class FailedRowsCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Csv => Path.Combine(_temp.Path, "failed.csv");

    private static async Task<(int Code, string Err)> Iea(params string[] args)
    {
        var stderr = new StringWriter();
        var code = await IeaCommand.RunAsync(args, TextWriter.Null, stderr);
        return (code, stderr.ToString());
    }

    private string Pages() => _temp.File("pages.json", JsonText.Page(
    [
        new SyntheticError { Id = "a", ErrorType = "INVALID_EMAIL", FileId = 1, LineNumber = 4, KnownColumnNumber = 1, RowData = ["Ada", "=1+1"], ErrorMessage = "bad" },
        new SyntheticError { Id = "b", ErrorType = "INVALID_EMAIL", FileId = 1, LineNumber = 0, ErrorMessage = "file-wide" },
        new SyntheticError { Id = "c", ErrorType = "INVALID_EMAIL", FileId = 1, LineNumber = 2 },
    ], null));

    [Theory]
    [InlineData("--include-error-message", "--failed-rows needs --include-row-data")]
    [InlineData("--include-row-data", "--failed-rows needs --include-error-message")]
    public async Task HubSpotInput_WithoutTheFlagsThatBringRowsAndMessages_IsAUsageError(string given, string message)
    {
        var (code, err) = await Iea("report", "--import-id", "123", given, "--failed-rows", Csv);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains(message, err, StringComparison.Ordinal);
        Assert.False(File.Exists(Csv));
    }

    [Theory]
    [InlineData("works with one import", "--all-imports")]
    [InlineData("works with one import", "--import-id", "124")]
    [InlineData("cannot be used with --checkpoint", "--checkpoint", "run.checkpoint")]
    public async Task SeveralImports_OrACheckpoint_AreUsageErrors(string message, params string[] more)
    {
        string[] args = ["report", "--import-id", "123", "--include-row-data", "--include-error-message", "--failed-rows", Csv, .. more];
        var (code, err) = await Iea(more[0] == "--all-imports" ? [.. args.Where((_, i) => i is not (1 or 2))] : args);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains(message, err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--failed-rows-formulas", "keep")]
    [InlineData("--failed-rows", "f.csv", "--failed-rows-formulas", "sometimes")]
    public async Task FormulasOption_WithoutFailedRowsOrWithAnUnknownValue_IsAUsageError(params string[] more)
    {
        var (code, _) = await Iea(["report", "--input", Pages(), .. more]);
        Assert.Equal(ExitCodes.Usage, code);
    }

    [Fact]
    public async Task FileInput_NeedsNoFlag_WritesTheCsvOwnerOnly_AndSaysWhatWasLeftOut()
    {
        var (code, err) = await Iea("report", "--input", Pages(), "--failed-rows", Csv);

        Assert.True(code == ExitCodes.Success, err);
        Assert.Contains("wrote 2 failed rows (2 errors)", err, StringComparison.Ordinal);
        Assert.Contains("1 file-wide errors", err, StringComparison.Ordinal);
        Assert.Contains("1 rows had no cells", err, StringComparison.Ordinal);
        var rows = StrictCsv.Read(await File.ReadAllBytesAsync(Csv));
        Assert.Equal(["1", "2", "", "", "INVALID_EMAIL", "", "", ""], rows[1]);
        Assert.Equal(["1", "4", "Ada", "'=1+1", "INVALID_EMAIL", "column_2", "", "bad"], rows[2]);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Csv));
        }
    }

    [Fact]
    public async Task FormulasKeep_WritesCellsExactlyAsSent()
    {
        var (code, err) = await Iea("report", "--input", Pages(), "--failed-rows", Csv, "--failed-rows-formulas", "keep");

        Assert.True(code == ExitCodes.Success, err);
        Assert.Equal("=1+1", StrictCsv.Read(await File.ReadAllBytesAsync(Csv))[2][3]);
    }

    [Fact]
    public async Task TrippedGate_StillWritesTheCsv()
    {
        var (code, _) = await Iea("report", "--input", Pages(), "--failed-rows", Csv, "--fail-if-errors", "0");

        Assert.Equal(ExitCodes.GateTripped, code);
        Assert.True(File.Exists(Csv));
    }

    [Fact]
    public async Task MissingFolder_IsAnOutputFailure_BeforeAnythingIsRead()
    {
        var (code, err) = await Iea("report", "--input", Pages(), "--failed-rows", Path.Combine(_temp.Path, "no", "such", "f.csv"));

        Assert.Equal(ExitCodes.OutputFailed, code);
        Assert.Contains("(--failed-rows)", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MalformedInput_WritesNoCsv()
    {
        var input = _temp.File("bad.json", "{\"results\":[{\"id\":");
        var (code, _) = await Iea("report", "--input", input, "--failed-rows", Csv);

        Assert.Equal(ExitCodes.MalformedData, code);
        Assert.False(File.Exists(Csv));
    }
}

/// <summary><c>iea report --import-id ... --failed-rows</c> against the fake HubSpot: the rows come over HTTP.</summary>
[Slow(SlowKind.Process)]
public sealed class FailedRowsHubSpotCommandTests
{
    [Fact]
    public async Task HubSpotImport_WithRowsAndMessages_WritesOneRowPerFailingLine()
    {
        var import = FakeHubSpotRuns.Import(300);
        await using var server = await FakeHubSpotRuns.StartAsync(import);
        using var temp = new TempDirectory();
        var csv = Path.Combine(temp.Path, "failed.csv");
        var variable = "IEA_TEST_TOKEN_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, server.AccessToken);
        try
        {
            var stderr = new StringWriter();
            var code = await IeaCommand.RunAsync(
                ["report", "--import-id", FakeHubSpotRuns.ImportId, "--base-url", server.BaseAddress.ToString(), "--limit", "100", "--rate-limit", "10000",
                    "--include-row-data", "--include-error-message", "--failed-rows", csv, "--out", Path.Combine(temp.Path, "r.json"), "--token-env", variable],
                TextWriter.Null,
                stderr);

            Assert.True(code == ExitCodes.Success, stderr.ToString());
            var rows = StrictCsv.Read(await File.ReadAllBytesAsync(csv));
            Assert.True(rows.Count > 100, $"{rows.Count} rows");
            Assert.Equal(rows.Count - 1, rows.Skip(1).Select(row => (row[0], row[1])).Distinct().Count());
            Assert.Contains(rows.Skip(1), row => row.Skip(2).Take(3).Any(cell => cell.Length > 0));
            Assert.DoesNotContain(server.AccessToken, stderr.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    /// <summary>
    /// Bodies cut off mid-page are read again from their start: the parts already collected of such a page (pages in parts
    /// of 7 records, every error spilled alone) are dropped with it, so the CSV equals a fault-free run's, byte for byte.
    /// </summary>
    [Fact]
    public async Task HubSpotImport_ThroughCutBodiesAndRetries_GivesTheFaultFreeCsv()
    {
        var import = FakeHubSpotRuns.Import(600);
        using var temp = new TempDirectory();
        await using var clean = await FakeHubSpotRuns.StartAsync(import);
        var expected = await FailedRowsAsync(clean, Path.Combine(temp.Path, "clean.csv"));
        await using var faulty = await FakeHubSpotRuns.StartAsync(import, o =>
        {
            o.Faults.Seed = 5;
            o.Faults.Randomly(0.3, Fault.CutOff(0.6));
        });
        var actual = await FailedRowsAsync(faulty, Path.Combine(temp.Path, "faulty.csv"));

        Assert.True(faulty.Requests.Count > clean.Requests.Count, "bodies were cut and read again");
        Assert.Equal(expected.Errors, actual.Errors);
        Assert.Equal(await File.ReadAllTextAsync(expected.Path), await File.ReadAllTextAsync(actual.Path));
    }

    private static async Task<FailedRowsSummary> FailedRowsAsync(FakeHubSpotServer server, string csv)
    {
        FailedRowsSummary? summary = null;
        using var analyzer = FakeHubSpotRuns.Builder(server, o =>
            {
                o.IncludeRowData = true;
                o.IncludeErrorMessage = true;
                o.MaxRetries = 30;
            })
            .Configure(o => o.Limits.MaxRecordsPerPart = 7)
            .WithFailedRows(csv, new FailedRowsOptions { MemoryBudgetBytes = 1, Written = s => summary = s })
            .Build();
        await analyzer.RunAsync();
        return summary!;
    }
}
