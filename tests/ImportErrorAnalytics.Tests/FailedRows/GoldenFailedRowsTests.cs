using ImportErrorAnalytics.FailedRows;
using ImportErrorAnalytics.Pipeline;
using ImportErrorAnalytics.Testing;
using ImportErrorAnalytics.Tests.Support;

namespace ImportErrorAnalytics.Tests.FailedRows;

/// <summary>
/// The failed-rows CSV of a small fixed input, byte for byte (CRLF, quoting, the guard, redaction, joining, order). To
/// accept a deliberate change, run the tests with IEA_UPDATE_GOLDEN=1 and review the diff.
/// </summary>
public class GoldenFailedRowsTests
{
    private static readonly SyntheticError[] Errors =
    [
        new() { Id = "e5", ErrorType = "INVALID_EMAIL", FileId = 20, LineNumber = 2, KnownColumnNumber = 2, PropertyName = "email", DataSensitivity = "none", InvalidValue = "ada@", RowData = ["Ada", "Lovelace", "ada@", "=HYPERLINK(\"http://x\")"], ErrorMessage = "Email 'ada@' is invalid" },
        new() { Id = "e1", ErrorType = "COULD_NOT_PARSE_DATE", FileId = 10, LineNumber = 7, KnownColumnNumber = 3, PropertyName = "closedate", DataSensitivity = "none", InvalidValue = "31/02", RowData = ["Bob, Jr.", "say \"hi\"", "two\r\nlines", "31/02"], ErrorMessage = "-bad date" },
        new() { Id = "e2", ErrorType = "INVALID_EMAIL", FileId = 10, LineNumber = 7, KnownColumnNumber = 2, PropertyName = "email", DataSensitivity = "high", InvalidValue = "two\r\nlines", RowData = ["Bob, Jr.", "say \"hi\"", "two\r\nlines", "31/02"], ErrorMessage = "two lines is a secret" },
        new() { Id = "e3", ErrorType = "UNKNOWN_ERROR", FileId = 10, LineNumber = 3, RowData = ["Ünïcødé 😀", "a|b", "+1", "@sum"], ErrorMessage = "pipe | and \\ backslash" },
        new() { Id = "e4", ErrorType = "INVALID_FILE_TYPE", FileId = 10, LineNumber = 0, ErrorMessage = "file-wide: left out" },
        new() { Id = "e2", ErrorType = "INVALID_EMAIL", FileId = 10, LineNumber = 7, KnownColumnNumber = 2, PropertyName = "email", DataSensitivity = "high", InvalidValue = "two\r\nlines", RowData = ["Bob, Jr.", "say \"hi\"", "two\r\nlines", "31/02"], ErrorMessage = "two lines is a secret" },
    ];

    [Fact]
    public async Task FailedRowsCsv_MatchesTheGoldenFile()
    {
        using var temp = new TempDirectory();
        var csv = Path.Combine(temp.Path, "failed.csv");
        using var analyzer = ImportErrorAnalyzer.CreateBuilder()
            .AddPath(temp.File("pages.json", JsonText.Page(Errors, null)))
            .WithFailedRows(csv, new FailedRowsOptions { MemoryBudgetBytes = 1 })
            .Build();
        await analyzer.RunAsync();

        var path = Path.Combine(SourceDirectory(), "FailedRows", "Golden", "failed-rows.golden.csv");
        var actual = await File.ReadAllBytesAsync(csv);
        if (Environment.GetEnvironmentVariable("IEA_UPDATE_GOLDEN") == "1")
        {
            await File.WriteAllBytesAsync(path, actual);
        }

        Assert.True(File.Exists(path), $"{path} is missing: run the tests once with IEA_UPDATE_GOLDEN=1.");
        Assert.Equal(System.Text.Encoding.UTF8.GetString(await File.ReadAllBytesAsync(path)), System.Text.Encoding.UTF8.GetString(actual));
    }

    private static string SourceDirectory([System.Runtime.CompilerServices.CallerFilePath] string file = "") =>
        Path.GetDirectoryName(Path.GetDirectoryName(file))!;
}
