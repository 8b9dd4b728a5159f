using BenchmarkDotNet.Attributes;
using ImportErrorAnalytics.Pipeline;
using ImportErrorAnalytics.Reporting;

namespace ImportErrorAnalytics.Benchmarks;

/// <summary>
/// Allocations against the number of errors. The parser's should not move when the errors double (nothing per
/// record); a whole run's should follow the distinct values (here a fixed, small vocabulary), not the errors.
/// </summary>
public class ParserAllocationBenchmarks
{
    private byte[] _realistic = [];
    private ImportErrorAnalyzer _smallVocabulary = null!;
    private ImportErrorAnalyzer _smallVocabularyDefaultOptions = null!;

    [Params(100_000, 200_000)]
    public int Errors { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _realistic = BenchmarkData.RealisticPages(Errors);
        _smallVocabulary = ParseAndAggregateBenchmarks.Analyzer(BenchmarkData.SmallVocabularyPages(Errors), 1);
        _smallVocabularyDefaultOptions = ParseAndAggregateBenchmarks.Analyzer(BenchmarkData.SmallVocabularyPages(Errors), Environment.ProcessorCount);
    }

    /// <summary>ImportErrorPageReader over a PipeReader of the realistic pages, touching every record.</summary>
    [Benchmark]
    public Task<long> ParseOnly() => ParseAndAggregateBenchmarks.ParseOnlyOver(_realistic);

    /// <summary>The whole pipeline (one worker per stage) over an import with a small, fixed vocabulary.</summary>
    [Benchmark]
    public Task<ImportErrorReport> ParseAndAggregateSmallVocabulary() => _smallVocabulary.RunAsync();

    /// <summary>The same with the default options: the parallel page reader, one parse and one aggregation worker per core.</summary>
    [Benchmark]
    public Task<ImportErrorReport> ParseAndAggregateSmallVocabularyDefaultOptions() => _smallVocabularyDefaultOptions.RunAsync();
}
