using System.Diagnostics;
using System.Globalization;
using ImportErrorAnalytics.Pipeline;
using ImportErrorAnalytics.HubSpot;
using ImportErrorAnalytics.Model;
using ImportErrorAnalytics.Testing;
using ImportErrorAnalytics.Testing.FakeHubSpot;

namespace ImportErrorAnalytics.Benchmarks;

/// <summary>
/// A measured program, not a BenchmarkDotNet class: one run takes tens of seconds of waiting on a rolling 10 s window,
/// and what matters is the server's request log (requests per 10 s against the budget) and wall time against
/// requests / rate, which BenchmarkDotNet's iterations and statistics do not give.
/// N synthetic imports on the fake HubSpot with a burst limit and a per-request latency: first each import alone, one
/// after another (the sum of per-import times); then all of them as <c>iea report --all-imports</c> does it (list,
/// then <see cref="ImportErrorAnalyzer.RunPerImportAsync"/> under one limiter) against a fresh server.
/// </summary>
internal static class MultiImportBenchmark
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var settings = Settings.Parse(args);
        var culture = CultureInfo.InvariantCulture;
        var output = Console.Out;
        using var warnings = new WarningLog();
        output.WriteLine(string.Create(culture,
            $"multi-import: {settings.Imports} imports x {settings.Errors:N0} errors, pages of {settings.PageSize}, burst limit {settings.Burst} per 10 s (client budget the same), latency {settings.LatencyMs} ms, {settings.Concurrent} imports at once"));

        await using (var server = await StartAsync(settings))
        {
            var sequential = Stopwatch.StartNew();
            var perImport = new List<double>();
            foreach (var id in Ids(settings))
            {
                var one = Stopwatch.StartNew();
                await ImportErrorAnalyzer.CreateBuilder().AddHubSpotImport(o => { Configure(o, server, settings); o.ImportId = id; }).WithLogging(warnings).Build().RunAsync();
                perImport.Add(one.Elapsed.TotalSeconds);
            }

            output.WriteLine(string.Create(culture,
                $"sequential: {server.Requests.Count} requests, sum of per-import times {perImport.Sum():F1} s (each {perImport.Min():F1}-{perImport.Max():F1} s), max {server.Requests.MaxRequestsInWindow(Window)} in any 10 s, 429s {Count429(server)}"));
        }

        await using (var server = await StartAsync(settings))
        {
            var clock = Stopwatch.StartNew();
            var listed = await HubSpotImportList.ListAsync(o => Configure(o, server, settings), loggerFactory: warnings);
            var result = await ImportErrorAnalyzer.CreateBuilder()
                .AddHubSpotImports(listed.Select(i => i.Id), o => Configure(o, server, settings))
                .Configure(o => o.MaxConcurrentImports = settings.Concurrent)
                .WithLogging(warnings)
                .Build()
                .RunPerImportAsync();
            var elapsed = clock.Elapsed.TotalSeconds;
            var requests = server.Requests.Snapshot();
            var rate = settings.Burst / Window.TotalSeconds;
            var start = requests.Min(r => r.Timestamp);
            var buckets = requests.GroupBy(r => (int)((r.Timestamp - start) / Window)).OrderBy(g => g.Key).Select(g => g.Count()).ToList();
            output.WriteLine(string.Create(culture,
                $"concurrent: {requests.Count} requests ({result.Combined.Totals.Errors:N0} errors in {result.Imports.Count} reports), {elapsed:F1} s"));
            output.WriteLine(string.Create(culture,
                $"  requests / rate = {requests.Count} / {rate:F1} per s = {requests.Count / rate:F1} s; (requests - burst) / rate = {(requests.Count - settings.Burst) / rate:F1} s (the first {settings.Burst} need no wait)"));
            output.WriteLine(string.Create(culture,
                $"  max in any rolling 10 s: {server.Requests.MaxRequestsInWindow(Window)} (limit {settings.Burst}); per 10 s from the first request: [{string.Join(", ", buckets)}]; 429s {Count429(server)}"));
        }

        output.WriteLine($"library warnings (retries, waits) in both phases: {warnings.Warnings}");
        return 0;
    }

    private static int Count429(FakeHubSpotServer server) => server.Requests.Snapshot().Count(r => r.StatusCode == 429);

    private static IEnumerable<string> Ids(Settings settings) => Enumerable.Range(0, settings.Imports).Select(i => (7001 + i).ToString(CultureInfo.InvariantCulture));

    private static Task<FakeHubSpotServer> StartAsync(Settings settings)
    {
        var options = new FakeHubSpotOptions { BurstLimit = settings.Burst, Latency = TimeSpan.FromMilliseconds(settings.LatencyMs) };
        var index = 0;
        foreach (var id in Ids(settings))
        {
            options.AddImport(FakeImport.FromSynthetic(id, new SyntheticImport(new SyntheticImportOptions { Seed = 300 + index++, Errors = settings.Errors })));
        }

        return FakeHubSpotServer.StartAsync(options);
    }

    private static void Configure(HubSpotSourceOptions options, FakeHubSpotServer server, Settings settings)
    {
        options.BaseAddress = server.BaseAddress;
        options.AccessToken = HubSpotAccessToken.From(server.AccessToken);
        options.Limit = settings.PageSize;
        options.RequestsPerTenSeconds = settings.Burst;
    }

    private sealed record Settings(int Imports, int Errors, int PageSize, int Burst, int LatencyMs, int Concurrent)
    {
        public static Settings Parse(IReadOnlyList<string> args)
        {
            var settings = new Settings(8, 3_000, 100, 100, 200, 8);
            for (var i = 0; i + 1 < args.Count; i += 2)
            {
                var value = int.Parse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture);
                settings = args[i] switch
                {
                    "--imports" => settings with { Imports = value },
                    "--errors" => settings with { Errors = value },
                    "--page-size" => settings with { PageSize = value },
                    "--burst" => settings with { Burst = value },
                    "--latency-ms" => settings with { LatencyMs = value },
                    "--concurrent" => settings with { Concurrent = value },
                    _ => throw new ArgumentException($"Unknown option {args[i]}."),
                };
            }

            return settings;
        }
    }
}
