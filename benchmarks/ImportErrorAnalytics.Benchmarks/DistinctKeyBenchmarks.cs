using BenchmarkDotNet.Attributes;
using ImportErrorAnalytics.Parsing;
using ImportErrorAnalytics.Pipeline;
using ImportErrorAnalytics.Reporting;

namespace ImportErrorAnalytics.Benchmarks;

/// <summary>
/// Distinct-key scaling: the whole pipeline (default options, report built) over 100,000 errors whose keys of one kind
/// take 1, 1,000, 10,000 or 100,000 distinct values, all else equal. Each distinct key costs O(1) and memory follows
/// what is kept, so time and allocations stay flat as the keys grow (<c>Ratio</c> and <c>Alloc Ratio</c> against one
/// key); past the limit on distinct keys (4,096 by default) the rest go to one other row per table.
/// </summary>
public class DistinctKeyBenchmarks
{
    private readonly Dictionary<int, ImportErrorAnalyzer> _analyzers = [];

    [Params(KeyKind.ErrorType, KeyKind.ObjectType, KeyKind.Column, KeyKind.PropertyName, KeyKind.FileId, KeyKind.Value)]
    public KeyKind Kind { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        foreach (var distinct in new[] { 1, 1_000, 10_000, 100_000 })
        {
            var bytes = DistinctKeyData.Pages(Kind, distinct);
            _analyzers[distinct] = ImportErrorAnalyzer.CreateBuilder()
                .AddStream("keys", _ => ValueTask.FromResult<Stream>(new MemoryStream(bytes, writable: false)), InputFormat.Pages)
                .Build();
        }
    }

    [Benchmark(Baseline = true)]
    public Task<ImportErrorReport> OneKey() => _analyzers[1].RunAsync();

    [Benchmark]
    public Task<ImportErrorReport> Keys1k() => _analyzers[1_000].RunAsync();

    [Benchmark]
    public Task<ImportErrorReport> Keys10k() => _analyzers[10_000].RunAsync();

    [Benchmark]
    public Task<ImportErrorReport> Keys100k() => _analyzers[100_000].RunAsync();
}
