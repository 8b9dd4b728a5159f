using System.IO.Hashing;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using ImportErrorAnalytics.Aggregation.BuiltIn;
using ImportErrorAnalytics.Fingerprints;
using ImportErrorAnalytics.Parsing.Parallel;
using ImportErrorAnalytics.Parsing;
using ImportErrorAnalytics.Pipeline;
using ImportErrorAnalytics.Reporting;
using ImportErrorAnalytics.Sources;
using Microsoft.Extensions.Logging.Abstractions;

namespace ImportErrorAnalytics.Benchmarks;

/// <summary>
/// What fingerprinting inputs costs: the same bytes parsed with and without the <see cref="FingerprintingStream"/>
/// every stream source now reads through, alone (the parser) and in whole runs (one worker, and the default
/// parallelism), each pair in its own category with the plain read as baseline. The hashes alone, XXH128 (used) and
/// SHA-256 (the cryptographic alternative), against the plain parse show what each would add to a parse thread.
/// </summary>
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
[MinColumn]
public class FingerprintBenchmarks
{
    private byte[] _pages = [];
    private ImportErrorAnalyzer _oneWorkerPlain = null!;
    private ImportErrorAnalyzer _oneWorker = null!;
    private ImportErrorAnalyzer _defaultPlain = null!;
    private ImportErrorAnalyzer _default = null!;

    [GlobalSetup]
    public void Setup()
    {
        _pages = BenchmarkData.RealisticPages();
        _oneWorkerPlain = WithoutFingerprints(_pages, 1);
        _oneWorker = ParseAndAggregateBenchmarks.Analyzer(_pages, 1);
        _defaultPlain = WithoutFingerprints(_pages, Environment.ProcessorCount);
        _default = ParseAndAggregateBenchmarks.Analyzer(_pages, Environment.ProcessorCount);
    }

    /// <summary>The parser alone (as <see cref="ParseAndAggregateBenchmarks.ParseOnly"/>), the stream read as it is.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("parser")]
    public Task<long> ParseOnly() => ParseAndAggregateBenchmarks.ParseOnlyOver(_pages);

    /// <summary>The same through the fingerprinting stream, then its fingerprint (what a stream source adds).</summary>
    [Benchmark]
    [BenchmarkCategory("parser")]
    public async Task<long> ParseOnlyFingerprinted()
    {
        var stream = new FingerprintingStream(new MemoryStream(_pages));
        var sum = await ParseAndAggregateBenchmarks.ParseOnlyOver(stream);
        await stream.ReadToEndAsync(CancellationToken.None);
        return sum + (long)(stream.Fingerprint.Hash & 1);
    }

    /// <summary>XXH128 of the bytes, alone: its share of a parse is this ratio.</summary>
    [Benchmark]
    [BenchmarkCategory("parser")]
    public UInt128 Xxh128Alone() => XxHash128.HashToUInt128(_pages);

    /// <summary>SHA-256 of the bytes, alone: what a cryptographic fingerprint would add to a parse thread.</summary>
    [Benchmark]
    [BenchmarkCategory("parser")]
    public byte[] Sha256Alone() => SHA256.HashData(_pages);

    /// <summary>A whole run, one worker per stage, inputs read without fingerprints (the source as it was).</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("run, one worker")]
    public Task<ImportErrorReport> RunOneWorker() => _oneWorkerPlain.RunAsync();

    /// <summary>The same run as a user's: the stream source fingerprints its input.</summary>
    [Benchmark]
    [BenchmarkCategory("run, one worker")]
    public Task<ImportErrorReport> RunOneWorkerFingerprinted() => _oneWorker.RunAsync();

    /// <summary>A whole run with the default options (the parallel page reader on both cores), without fingerprints.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("run, default parallelism")]
    public Task<ImportErrorReport> RunDefault() => _defaultPlain.RunAsync();

    /// <summary>The same run as a user's, fingerprinted.</summary>
    [Benchmark]
    [BenchmarkCategory("run, default parallelism")]
    public Task<ImportErrorReport> RunDefaultFingerprinted() => _default.RunAsync();

    /// <summary>An analyzer over one in-memory input whose source is <see cref="StreamErrorSource"/> without the fingerprinting stream.</summary>
    private static ImportErrorAnalyzer WithoutFingerprints(byte[] pages, int parallelism)
    {
        var options = new AnalyzerOptions { MaxDegreeOfParallelism = parallelism };
        options.Validate();
        var builtIns = new BuiltInAggregators(options.ToBuiltInSettings());
        return new ImportErrorAnalyzer([new PlainSource(pages)], builtIns, builtIns.CreateSlots(), options, null, null, NullLogger.Instance, new AnalyzerResources());
    }

    /// <summary><see cref="StreamErrorSource"/> of response pages as it read before inputs were fingerprinted.</summary>
    private sealed class PlainSource(byte[] pages) : ErrorSource
    {
        public override string Name => "bench";

        public override async IAsyncEnumerable<ImportErrorPage> ReadPagesAsync(ReadContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            var pipe = PipeReader.Create(new MemoryStream(pages), new StreamPipeReaderOptions(bufferSize: 64 * 1024, minimumReadSize: 16 * 1024, leaveOpen: false));
            try
            {
                var read = context.ParseWorkers > 1
                    ? ParallelPageReader.ReadAsync(pipe, context, context.ParseWorkers, cancellationToken)
                    : PageStreamReader.ReadAsync(pipe, context, cancellationToken);
                await foreach (var page in read.ConfigureAwait(false))
                {
                    yield return page;
                }
            }
            finally
            {
                await pipe.CompleteAsync().ConfigureAwait(false);
            }
        }
    }
}
