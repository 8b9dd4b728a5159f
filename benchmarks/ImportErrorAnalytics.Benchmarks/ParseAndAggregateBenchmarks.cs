using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using ImportErrorAnalytics.Aggregation.BuiltIn;
using ImportErrorAnalytics.Benchmarks.Poco;
using ImportErrorAnalytics.Parsing;
using ImportErrorAnalytics.Pipeline;
using ImportErrorAnalytics.Reporting;

namespace ImportErrorAnalytics.Benchmarks;

/// <summary>
/// The library against a bare token scan (the floor: no parser does less than read every token) and against what a
/// user would write instead (POCOs + LINQ), all over the same 100,000 realistic errors in one run, so the ratios compare.
/// </summary>
public class ParseAndAggregateBenchmarks
{
    private byte[] _pages = [];
    private ImportErrorAnalyzer _singleWorker = null!;
    private ImportErrorAnalyzer _defaultParallelism = null!;
    private ImportErrorAnalyzer _eightInputs = null!;

    [GlobalSetup]
    public void Setup()
    {
        _pages = BenchmarkData.RealisticPages();
        _singleWorker = Analyzer(_pages, 1);
        _defaultParallelism = Analyzer(_pages, Environment.ProcessorCount);
        _eightInputs = EightInputs(_pages);
    }

    /// <summary>As <see cref="Setup"/>, and checks first that POCO + LINQ gives the library's answers.</summary>
    [GlobalSetup(Target = nameof(PocoAndLinq))]
    public void SetupAndCheck()
    {
        Setup();
        var poco = PocoAndLinq();
        ResultCheck.SameAnswers(_singleWorker.RunAsync().GetAwaiter().GetResult(), poco);
        ResultCheck.SameAnswers(_defaultParallelism.RunAsync().GetAwaiter().GetResult(), poco);
    }

    /// <summary>Reads every token of every page and does nothing else.</summary>
    [Benchmark(Baseline = true)]
    public long BareTokenScan()
    {
        var reader = new Utf8JsonReader(_pages, new JsonReaderOptions { AllowMultipleValues = true });
        long tokens = 0;
        while (reader.Read())
        {
            tokens++;
        }

        return tokens;
    }

    /// <summary>
    /// The whole library as a user runs it (default options: one worker per core): one stream -> one PipeReader -> the
    /// page splitter -> parse workers -> channel -> all built-in aggregators -> report.
    /// </summary>
    [Benchmark]
    public Task<ImportErrorReport> ParseAndAggregate() => _defaultParallelism.RunAsync();

    /// <summary>The same with one worker per stage: one parse worker reads the stream sequentially, one aggregation worker.</summary>
    [Benchmark]
    public Task<ImportErrorReport> ParseAndAggregateOneWorker() => _singleWorker.RunAsync();

    /// <summary>
    /// The same bytes as eight inputs (consecutive runs of 125 pages, the layout of a directory of saved pages) with
    /// the default parallelism: inputs are parsed in parallel, one worker per core.
    /// </summary>
    [Benchmark]
    public Task<ImportErrorReport> ParseAndAggregateEightInputs() => _eightInputs.RunAsync();

    /// <summary>
    /// Parser and built-in aggregators on ONE thread (no channel, no second stage): the CPU the library spends, comparable
    /// to the single-threaded scan. (<see cref="ParseAndAggregate"/> overlaps parsing and aggregation on two threads.)
    /// </summary>
    [Benchmark]
    public async Task<int> ParseAndAggregateOneThread()
    {
        var slots = new BuiltInAggregators(new AnalyzerOptions().ToBuiltInSettings()).CreateSlots();
        var reader = PipeReader.Create(new MemoryStream(_pages));
        await foreach (var page in ImportErrorPageReader.ReadPagesAsync(reader, "bench"))
        {
            foreach (var slot in slots)
            {
                slot.AddPage(page);
            }
        }

        await reader.CompleteAsync();
        return slots.Length;
    }

    /// <summary>
    /// Parser and every built-in aggregator on ONE thread over whole pages held in memory (each page one span, as a
    /// parse worker of the default options reads them): the per-core cost of the library against <see cref="BareTokenScan"/>.
    /// </summary>
    [Benchmark]
    public int ParseAndAggregateWholePagesOneThread() => AggregateWholePagesOf(_pages);

    /// <summary>The streaming parser alone, touching every record.</summary>
    [Benchmark]
    public Task<long> ParseOnly() => ParseOnlyOver(_pages);

    /// <summary>
    /// The parser alone on one thread over whole pages held in memory, as each parse worker of the default options
    /// reads them: no pipe, no segment boundaries, no channel.
    /// </summary>
    [Benchmark]
    public long ParseWholePages() => ParseWholePagesOf(_pages);

    /// <summary>Source-generated POCOs page by page, then LINQ GroupBy for the same information.</summary>
    [Benchmark]
    public PocoReport PocoAndLinq() => PocoLinqAnalysis.Analyze(_pages);

    internal static ImportErrorAnalyzer Analyzer(byte[] pages, int parallelism) => ImportErrorAnalyzer.CreateBuilder()
        .Configure(o => o.MaxDegreeOfParallelism = parallelism)
        .AddStream("bench", _ => ValueTask.FromResult<Stream>(new MemoryStream(pages)), InputFormat.Pages)
        .Build();

    internal static Task<long> ParseOnlyOver(byte[] pages) => ParseOnlyOver(new MemoryStream(pages));

    /// <summary>The parser alone over <paramref name="stream"/> (default 4 KB pipe segments), touching every record; disposes the stream.</summary>
    internal static async Task<long> ParseOnlyOver(Stream stream)
    {
        var reader = PipeReader.Create(stream);
        long sum = 0;
        await foreach (var page in ImportErrorPageReader.ReadPagesAsync(reader, "bench"))
        {
            sum += Touch(page);
        }

        await reader.CompleteAsync();
        return sum;
    }

    /// <summary>Parses each whole page (one per line) and hands it to every built-in aggregator, on the calling thread.</summary>
    internal static int AggregateWholePagesOf(byte[] pages)
    {
        var slots = new BuiltInAggregators(new AnalyzerOptions().ToBuiltInSettings()).CreateSlots();
        var parser = new JsonErrorParser("bench", new ParserLimits().MaxValueBytes, recordMode: false);
        var page = new PagePool(0).Rent();
        var start = 0;
        while (start < pages.Length)
        {
            var length = pages.AsSpan(start).IndexOf((byte)'\n');
            length = length < 0 ? pages.Length - start : length + 1;
            page.Reset("bench", 0, 0, isResponsePage: true);
            parser.Reset();
            parser.Begin(page, 1);
            if (!parser.Parse(new ReadOnlySequence<byte>(pages, start, length), isFinalBlock: false, out _))
            {
                throw new InvalidOperationException("A page did not complete.");
            }

            foreach (var slot in slots)
            {
                slot.AddPage(page);
            }

            start += length;
        }

        return slots.Length;
    }

    internal static long ParseWholePagesOf(byte[] pages)
    {
        var parser = new JsonErrorParser("bench", new ParserLimits().MaxValueBytes, recordMode: false);
        var page = new PagePool(0).Rent();
        long sum = 0;
        var start = 0;
        while (start < pages.Length)
        {
            var length = pages.AsSpan(start).IndexOf((byte)'\n');
            length = length < 0 ? pages.Length - start : length + 1;
            page.Reset("bench", 0, 0, isResponsePage: true);
            parser.Reset();
            parser.Begin(page, 1);
            if (!parser.Parse(new ReadOnlySequence<byte>(pages, start, length), isFinalBlock: false, out _))
            {
                throw new InvalidOperationException("A page did not complete.");
            }

            sum += Touch(page);
            start += length;
        }

        return sum;
    }

    /// <summary>Splits the pages (one per line, as <c>ToPageBytes</c> writes them) into eight inputs of consecutive pages.</summary>
    private static ImportErrorAnalyzer EightInputs(byte[] pages)
    {
        var ends = new List<int>();
        for (var i = 0; i < pages.Length; i++)
        {
            if (pages[i] == (byte)'\n')
            {
                ends.Add(i + 1);
            }
        }

        var builder = ImportErrorAnalyzer.CreateBuilder();
        var start = 0;
        for (var part = 1; part <= 8; part++)
        {
            var end = ends[(ends.Count * part / 8) - 1];
            var (offset, count) = (start, end - start);
            builder.AddStream($"part-{part}", _ => ValueTask.FromResult<Stream>(new MemoryStream(pages, offset, count, writable: false)));
            start = end;
        }

        return builder.Build();
    }

    private static long Touch(ImportErrorPage page)
    {
        long sum = 0;
        for (var i = 0; i < page.Count; i++)
        {
            sum += page[i].InvalidValue.Length;
        }

        return sum;
    }
}
