using System.Text.Json;
using BenchmarkDotNet.Attributes;
using ImportErrorAnalytics.Benchmarks.Poco;
using ImportErrorAnalytics.Peers.Answers;
using ImportErrorAnalytics.Peers.DuckDb;
using ImportErrorAnalytics.Pipeline;
using ImportErrorAnalytics.Reporting;

namespace ImportErrorAnalytics.Benchmarks;

/// <summary>
/// iea against its peers in one process, all reading the same directory of page files (100,000 errors in HubSpot's
/// full 2026-03 shape, pages of 500, one file per page, in the page cache): a bare token scan of every file (the
/// floor), the library as a user runs it, DuckDB computing the same aggregates in SQL (<see cref="ReportSql"/>), and
/// POCOs + LINQ. Before any peer is timed, its answers are compared with iea's report and a difference fails the
/// benchmark (an exception in its setup).
/// </summary>
public class PeerBenchmarks
{
    public const int Errors = 100_000;

    private PeerData _data = null!;
    private byte[] _buffer = [];

    [GlobalSetup]
    public void Setup()
    {
        _data = PeerData.Create(Errors);
        _buffer = new byte[_data.Files.Max(f => new FileInfo(f).Length)];
    }

    /// <summary>As <see cref="Setup"/>, then DuckDB's answers (all cores and one thread) against iea's report.</summary>
    [GlobalSetup(Targets = [nameof(DuckDb), nameof(DuckDbOneThread)])]
    public void SetupAndCheckDuckDb()
    {
        Setup();
        var iea = ReportAnswers.From(Iea().GetAwaiter().GetResult());
        Check(iea, DuckDb(), "DuckDB");
        Check(iea, DuckDbOneThread(), "DuckDB (one thread)");
    }

    /// <summary>As <see cref="Setup"/>, then POCO + LINQ's answers against iea's report.</summary>
    [GlobalSetup(Target = nameof(PocoAndLinq))]
    public void SetupAndCheckPoco()
    {
        Setup();
        ResultCheck.SameAnswers(Iea().GetAwaiter().GetResult(), PocoAndLinq());
    }

    [GlobalCleanup]
    public void Cleanup() => _data.Dispose();

    /// <summary>Reads every file and every token of it, nothing else.</summary>
    [Benchmark(Baseline = true)]
    public long BareTokenScan()
    {
        long tokens = 0;
        foreach (var file in _data.Files)
        {
            using var handle = File.OpenHandle(file);
            var length = RandomAccess.Read(handle, _buffer, 0);
            var reader = new Utf8JsonReader(_buffer.AsSpan(0, length), new JsonReaderOptions { AllowMultipleValues = true });
            while (reader.Read())
            {
                tokens++;
            }
        }

        return tokens;
    }

    /// <summary>The library as <c>iea report --input DIR</c> runs it: default options (one worker per core), report built.</summary>
    [Benchmark]
    public Task<ImportErrorReport> Iea() => ImportErrorAnalyzer.CreateBuilder().AddPath(_data.Directory).Build().RunAsync();

    /// <summary>The same with one parse and one aggregation worker.</summary>
    [Benchmark]
    public Task<ImportErrorReport> IeaOneWorker() =>
        ImportErrorAnalyzer.CreateBuilder().AddPath(_data.Directory).Configure(o => o.MaxDegreeOfParallelism = 1).Build().RunAsync();

    /// <summary>DuckDB (embedded, in memory, its default threads: one per core): <c>read_json</c> with an explicit schema into a table, then every aggregate.</summary>
    [Benchmark]
    public PeerAnswers DuckDb() => DuckDbPeer.Run(_data.Directory);

    /// <summary>The same with <c>SET threads = 1</c>.</summary>
    [Benchmark]
    public PeerAnswers DuckDbOneThread() => DuckDbPeer.Run(_data.Directory, threads: 1);

    /// <summary>Every file read, deserialized into source-generated POCOs, grouped with LINQ.</summary>
    [Benchmark]
    public PocoReport PocoAndLinq() => PocoLinqAnalysis.Analyze(_data.ReadConcatenated());

    private static void Check(PeerAnswers iea, PeerAnswers peer, string name)
    {
        var differences = AnswerComparison.Differences(iea, peer, name);
        if (differences.Count > 0)
        {
            throw new InvalidOperationException($"{name} and iea disagree ({differences.Count} differences): {string.Join("; ", differences.Take(10))}");
        }

        Console.WriteLine($"// {name} gives iea's answers: {iea.Errors} errors, {iea.ErrorTypes.Count} error types, {iea.Columns.Count} columns, {iea.Files.Count} files.");
    }
}
