using System.Globalization;
using System.Text;
using System.Text.Json;
using ImportErrorAnalytics.Cli;
using ImportErrorAnalytics.Parsing;
using ImportErrorAnalytics.Pipeline;
using ImportErrorAnalytics.Reporting;
using ImportErrorAnalytics.Reporting.Markdown;
using ImportErrorAnalytics.Tests.Support;

namespace ImportErrorAnalytics.Tests.Hostile;

/// <summary>
/// Past the limit on distinct keys, every table counts the rest in one row marked <c>other</c>: nothing is refused or lost,
/// and both reports say which tables used such a row and how many errors it holds.
/// </summary>
public class OtherRowTests
{
    /// <summary>Ten errors, each with a new undocumented error type and object type, column and file.</summary>
    private static readonly byte[] TenNewKeys = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 10).Select(i => string.Create(CultureInfo.InvariantCulture,
        $"{{\"errorType\":\"NEW_TYPE_{i}\",\"objectType\":\"NEW_OBJECT_{i}\",\"knownColumnNumber\":{i},\"invalidValue\":\"v{i}\",\"invalidPropertyValue\":{{\"name\":\"p{i}\"}},\"sourceData\":{{\"fileId\":{100 + i},\"lineNumber\":{i + 1}}}}}\n"))));

    [Fact]
    public async Task PastTheLimit_EveryTableCountsTheRestInItsOtherRow()
    {
        var report = await Run(o => o.MaxDistinctKeys = 3);

        Assert.Equal(10, report.Totals.Errors);
        Assert.Equal(10, report.Totals.UnknownErrorTypeErrors);
        Assert.Equal(3, report.Settings.MaxDistinctKeys);
        Assert.Equal(7, Assert.Single(report.ErrorTypes, t => t.Other).Count);
        Assert.Equal(["NEW_TYPE_0", "NEW_TYPE_1", "NEW_TYPE_2"], report.ErrorTypes.Where(t => !t.Other).Select(t => t.ErrorType).Order(StringComparer.Ordinal));
        Assert.Equal(7, Assert.Single(report.ObjectTypes, t => t.Other).Count);
        var otherColumns = Assert.Single(report.Columns, c => c.Other);
        Assert.Equal((null, null, 7L), (otherColumns.Column, otherColumns.Property, otherColumns.Count));
        Assert.Equal([0, 1, 2], report.Columns.Where(c => !c.Other).Select(c => c.Column!.Value).Order());
        Assert.Equal(7, Assert.Single(report.TopInvalidValues, c => c.Other).ValuesCounted);
        var otherFiles = Assert.Single(report.LineClusters, f => f.Other);
        Assert.Equal((null, 7L, 0L, 0), (otherFiles.FileId, otherFiles.Errors, otherFiles.Lines, otherFiles.ClusterCount));
        Assert.Equal([100L, 101, 102], report.LineClusters.Where(f => !f.Other).Select(f => f.FileId!.Value).Order());
        Assert.Equal(
            [("errorTypes", 7L), ("objectTypes", 7L), ("columns", 7L), ("topInvalidValues", 7L), ("lineClusters", 7L)],
            report.OtherRows!.Select(o => (o.Table, o.Errors)));
    }

    [Fact]
    public async Task WithinTheLimit_NoRowIsOtherAndTheJsonSaysNothingOfIt()
    {
        var report = await Run(o => o.MaxDistinctKeys = 10);
        var json = JsonReport.ToJson(report);

        Assert.Null(report.OtherRows);
        Assert.DoesNotContain("\"otherRows\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"other\"", json, StringComparison.Ordinal);
        Assert.Equal(10, report.ErrorTypes.Count);
    }

    [Fact]
    public async Task TheJsonReport_MarksTheOtherRowsAndListsThem()
    {
        using var json = JsonDocument.Parse(JsonReport.ToJson(await Run(o => o.MaxDistinctKeys = 3)));
        var root = json.RootElement;

        var other = root.GetProperty("errorTypes").EnumerateArray().Single(t => t.TryGetProperty("other", out _));
        Assert.Equal("(other unknown)", other.GetProperty("errorType").GetString());
        Assert.True(other.GetProperty("other").GetBoolean());
        Assert.Equal(5, root.GetProperty("otherRows").GetArrayLength());
        Assert.Equal(3, root.GetProperty("settings").GetProperty("maxDistinctKeys").GetInt32());
    }

    [Fact]
    public async Task TheMarkdownReport_SaysTheLimitWasReachedAndNamesTheOtherRows()
    {
        var markdown = MarkdownReport.Render(await Run(o => o.MaxDistinctKeys = 3));

        Assert.Contains("| Distinct keys | more than 3 in some tables; the rest are counted in one \"other\" row: error types 7, object types 7, columns 7, values of columns 7, files 7 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| *(other unknown types)* | 7 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| *(other columns)* |", markdown, StringComparison.Ordinal);
        Assert.Contains("### Other columns", markdown, StringComparison.Ordinal);
        Assert.Contains("### Other files", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cli_MaxDistinctKeys_SetsTheLimit()
    {
        using var temp = new TempDirectory();
        var input = Path.Combine(temp.Path, "errors.ndjson");
        await File.WriteAllBytesAsync(input, TenNewKeys);
        var stdout = new StringWriter();

        var code = await IeaCommand.RunAsync(["report", "--input", input, "--max-distinct-keys", "4"], stdout, new StringWriter(), null);

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(stdout.ToString());
        Assert.Equal(6, json.RootElement.GetProperty("errorTypes").EnumerateArray().Single(t => t.TryGetProperty("other", out _)).GetProperty("count").GetInt64());
    }

    [Fact]
    public async Task Cli_MaxDistinctKeysBelowOne_IsAUsageError()
    {
        var stderr = new StringWriter();

        var code = await IeaCommand.RunAsync(["report", "--input", SamplePaths.ImportDirectory, "--max-distinct-keys", "0"], new StringWriter(), stderr, null);

        Assert.Equal(2, code);
        Assert.Contains("--max-distinct-keys must be 1 or more", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SnapshotsOfDifferentLimits_AreNotMerged()
    {
        var three = await Analyzer(o => o.MaxDistinctKeys = 3).RunToSnapshotAsync();
        var four = await Analyzer(o => o.MaxDistinctKeys = 4).RunToSnapshotAsync();

        var error = Assert.Throws<ImportErrorAnalytics.Snapshots.SnapshotMismatchException>(() => ImportErrorAnalytics.Snapshots.ReportSnapshot.Merge([three, four]));

        Assert.Matches(@"maxDistinctKeys \(--max-distinct-keys\): (3 and 4|4 and 3)", error.Message);
    }

    [Fact]
    public async Task AMergeOfRuns_KeepsTheNamesFirstInOrdinalOrder_AndCountsEveryError()
    {
        // Each run keeps its own three; the merge keeps the three that sort first of the six, the rest join the other row.
        var late = await Analyzer(o => o.MaxDistinctKeys = 3, Ndjson(["ZZ_1", "ZZ_2", "ZZ_3"])).RunToSnapshotAsync();
        var early = await Analyzer(o => o.MaxDistinctKeys = 3, Ndjson(["AA_1", "AA_2", "AA_3", "AA_4"])).RunToSnapshotAsync();

        var report = ImportErrorAnalytics.Snapshots.ReportSnapshot.Merge([late, early]).CreateReport();

        Assert.Equal(["AA_1", "AA_2", "AA_3"], report.ErrorTypes.Where(t => !t.Other).Select(t => t.ErrorType).Order(StringComparer.Ordinal));
        Assert.Equal(4, Assert.Single(report.ErrorTypes, t => t.Other).Count);
        Assert.Equal(7, report.ErrorTypes.Sum(t => t.Count));

        static byte[] Ndjson(string[] types) => Encoding.UTF8.GetBytes(string.Concat(types.Select(t => $"{{\"errorType\":\"{t}\"}}\n")));
    }

    private static Task<ImportErrorReport> Run(Action<AnalyzerOptions> configure) => Analyzer(configure).RunAsync();

    private static ImportErrorAnalyzer Analyzer(Action<AnalyzerOptions> configure, byte[]? bytes = null) => ImportErrorAnalyzer.CreateBuilder()
        .AddStream("errors.ndjson", _ => ValueTask.FromResult<Stream>(new MemoryStream(bytes ?? TenNewKeys)), InputFormat.Ndjson)
        .Configure(o =>
        {
            o.MaxDegreeOfParallelism = 1;
            configure(o);
        })
        .Build();
}
