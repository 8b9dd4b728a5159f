using System.Text;
using ImportErrorAnalytics.FailedRows;
using ImportErrorAnalytics.Pipeline;
using ImportErrorAnalytics.Tests.FailedRows;
using ImportErrorAnalytics.Tests.Shared;
using ImportErrorAnalytics.Tests.Support;

namespace ImportErrorAnalytics.Tests.Hostile;

/// <summary>
/// The failed rows' memory: a million failing lines out of order are spilled in sorted runs and merged, not held; a
/// hostile <c>rowData</c> (millions of empty cells, one huge cell) costs memory by its bytes.
/// </summary>
[Collection(HostileMeasurements.Name)]
[Slow(SlowKind.Heavy)]
public sealed class FailedRowsCostTests : IDisposable
{
    private const int Million = 1_000_000;

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>
    /// A million failing lines, each on another page than its neighbours (line numbers are a permutation), with a budget
    /// of 16 MB: the run spills sorted runs and writes every line once, in order. Held whole, the collected errors alone
    /// would take about 200 MB (their estimate, <see cref="FailedError.EstimatedBytes"/>, is about 200 bytes each); here
    /// the heap grew by 44 MB and the run wrote 29 spill files. The bound, 120 MB, stays under what holding them would cost.
    /// </summary>
    [Fact]
    public async Task AMillionFailedRowsOutOfOrder_AreSpilledAndMerged_NotHeld()
    {
        var input = Path.Combine(_temp.Path, "pages.json");
        await File.WriteAllBytesAsync(input, Pages());
        var csv = Path.Combine(_temp.Path, "failed.csv");
        FailedRowsSummary? summary = null;

        var (_, _, peakGrowth) = await MemoryProbe.MeasureAsync(async () =>
        {
            using var analyzer = ImportErrorAnalyzer.CreateBuilder().AddPath(input).Configure(o => o.MaxDegreeOfParallelism = 2)
                .WithFailedRows(csv, new FailedRowsOptions { MemoryBudgetBytes = 16L * 1024 * 1024, Written = s => summary = s })
                .Build();
            return await analyzer.RunAsync();
        });

        Assert.Equal(Million, summary!.Rows);
        Assert.True(summary.SpillFiles >= 10, $"{summary.SpillFiles} spill files");
        Assert.True(peakGrowth < 120_000_000, $"the heap grew by {peakGrowth:N0} bytes");
        var line = 0;
        using var reader = new StreamReader(csv);
        await reader.ReadLineAsync();
        while (await reader.ReadLineAsync() is { } row)
        {
            Assert.Equal($"1,{++line},v{line % 97},INVALID_EMAIL,column_1,,", row);
        }

        Assert.Equal(Million, line);
    }

    /// <summary>
    /// One record of four million empty cells (12 MB of input) and one of a 12 MB cell: what the run allocates grows with
    /// the bytes read. Measured here, the two cost 59.9 and 11.9 bytes allocated per byte read (the empty cells' header,
    /// <c>column_1</c> to <c>column_4000000</c>, is most of the first); the bound, 700, is 11.7x the larger.
    /// </summary>
    [Theory]
    [InlineData(4_000_000, 0)]
    [InlineData(1, 12_000_000)]
    public async Task HostileRowData_CostsMemoryByItsBytes(int cells, int cellBytes)
    {
        var text = new StringBuilder("""{"results":[{"id":"x","errorType":"INVALID_EMAIL","sourceData":{"fileId":1,"lineNumber":1,"rowData":[""");
        var cell = "\"" + new string('a', cellBytes) + "\"";
        for (var i = 0; i < cells; i++)
        {
            text.Append(i == 0 ? "" : ",").Append(cell);
        }

        text.Append("]}}]}");
        var input = Path.Combine(_temp.Path, "hostile.json");
        await File.WriteAllTextAsync(input, text.ToString());
        var bytes = new FileInfo(input).Length;
        text.Clear();

        var (_, allocated, _) = await MemoryProbe.MeasureAsync(async () =>
        {
            using var analyzer = ImportErrorAnalyzer.CreateBuilder().AddPath(input).Configure(o => o.Limits.MaxValueBytes = 16 * 1024 * 1024)
                .WithFailedRows(Path.Combine(_temp.Path, "failed.csv"), new FailedRowsOptions { MemoryBudgetBytes = 1024 * 1024 })
                .Build();
            return await analyzer.RunAsync();
        });

        Assert.True(allocated < 700 * bytes, $"allocated {allocated:N0} bytes for {bytes:N0} bytes read ({allocated / (double)bytes:F1} per byte)");
    }

    /// <summary>Pages of 1,000 errors; page p holds the lines p, p + 1000, ... so that every line's neighbours are on other pages.</summary>
    private static byte[] Pages()
    {
        var text = new StringBuilder(Million * 110);
        for (var page = 0; page < 1000; page++)
        {
            text.Append("{\"results\":[");
            for (var i = 0; i < 1000; i++)
            {
                var line = 1 + page + (i * 1000);
                text.Append(i == 0 ? "" : ",")
                    .Append("{\"id\":\"").Append(line).Append("\",\"errorType\":\"INVALID_EMAIL\",\"knownColumnNumber\":0,\"sourceData\":{\"fileId\":1,\"lineNumber\":")
                    .Append(line).Append(",\"rowData\":[\"v").Append(line % 97).Append("\"]}}");
            }

            text.Append("]}\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
