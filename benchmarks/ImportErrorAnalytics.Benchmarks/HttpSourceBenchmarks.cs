using BenchmarkDotNet.Attributes;
using ImportErrorAnalytics.Parsing;
using ImportErrorAnalytics.Pipeline;
using ImportErrorAnalytics.Reporting;
using ImportErrorAnalytics.HubSpot;
using ImportErrorAnalytics.Model;
using ImportErrorAnalytics.Testing;
using ImportErrorAnalytics.Testing.FakeHubSpot;

namespace ImportErrorAnalytics.Benchmarks;

/// <summary>
/// The cost of the network path: the same import read by the whole pipeline from memory (baseline) and from the fake
/// HubSpot over loopback HTTP, one request per page of 100 errors, with no rate limit in the way. The fake server runs
/// in the same process, so its CPU (writing each page's JSON) is counted too: the ratio is an upper bound.
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class HttpSourceBenchmarks
{
    private const string ImportId = "184448894";
    private FakeHubSpotServer _server = null!;
    private byte[] _pages = [];

    [GlobalSetup]
    public void Setup()
    {
        var import = new SyntheticImport(BenchmarkData.Realistic(BenchmarkData.Errors));
        _pages = BenchmarkData.RealisticPages();
        var options = new FakeHubSpotOptions();
        options.AddImport(FakeImport.FromSynthetic(ImportId, import));
        _server = FakeHubSpotServer.StartAsync(options).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup() => _server.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Baseline = true)]
    public Task<ImportErrorReport> FromMemory() =>
        ImportErrorAnalyzer.CreateBuilder()
            .AddStream("memory", _ => ValueTask.FromResult<Stream>(new MemoryStream(_pages, writable: false)), InputFormat.Pages)
            .Configure(o => o.MaxDegreeOfParallelism = 1)
            .Build()
            .RunAsync();

    [Benchmark]
    public Task<ImportErrorReport> OverLoopbackHttp() =>
        ImportErrorAnalyzer.CreateBuilder()
            .AddHubSpotImport(o =>
            {
                o.ImportId = ImportId;
                o.BaseAddress = _server.BaseAddress;
                o.AccessToken = HubSpotAccessToken.From(_server.AccessToken);
                o.Limit = BenchmarkData.PageSize;
                o.RequestsPerTenSeconds = 100_000;
            })
            .Configure(o => o.MaxDegreeOfParallelism = 1)
            .Build()
            .RunAsync();
}
