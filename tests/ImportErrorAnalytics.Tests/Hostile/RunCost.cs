using System.Diagnostics;
using ImportErrorAnalytics.Parsing;
using ImportErrorAnalytics.Pipeline;

namespace ImportErrorAnalytics.Tests.Hostile;

/// <summary>
/// What a fresh run over an input costs: time and bytes allocated, the medians of several runs. Bytes allocated bound the
/// memory a run can have in use at its peak from above. Each run reads a new input from <c>input(salt)</c>, so nothing
/// a run interned can make the next one cheaper.
/// </summary>
internal readonly record struct RunCost(double Seconds, long Allocated)
{
    public override string ToString() => $"{Seconds:F3} s, {Allocated / 1e6:F1} MB allocated";

    public static async Task<RunCost> MeasureAsync(Func<int, byte[]> input, InputFormat format, int runs = 3, Action<AnalyzerOptions>? configure = null)
    {
        await Analyzer(input(0), format, configure).RunAsync();
        var times = new List<double>();
        var allocations = new List<long>();
        for (var i = 1; i <= runs; i++)
        {
            var analyzer = Analyzer(input(i), format, configure);
            Collect();
            var before = GC.GetTotalAllocatedBytes(precise: true);
            var clock = Stopwatch.StartNew();
            await analyzer.RunAsync();
            times.Add(clock.Elapsed.TotalSeconds);
            allocations.Add(GC.GetTotalAllocatedBytes(precise: true) - before);
        }

        times.Sort();
        allocations.Sort();
        return new RunCost(times[runs / 2], allocations[runs / 2]);
    }

    public static ImportErrorAnalyzer Analyzer(byte[] bytes, InputFormat format, Action<AnalyzerOptions>? configure = null) =>
        ImportErrorAnalyzer.CreateBuilder()
            .AddStream("hostile", _ => ValueTask.FromResult<Stream>(new MemoryStream(bytes, writable: false)), format)
            .Configure(o => configure?.Invoke(o))
            .Build();

    private static void Collect()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
    }
}
