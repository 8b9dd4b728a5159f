using BenchmarkDotNet.Running;

namespace ImportErrorAnalytics.Benchmarks;

internal static class Program
{
    /// <summary>
    /// BenchmarkDotNet's switcher, <c>multi-import [options]</c> (the measured multi-import program),
    /// <c>per-core [options]</c> (per-core ratios to the bare scan, measured round by round), or
    /// <c>write-pages [options]</c> (a corpus of saved pages for the whole-process timings).
    /// </summary>
    private static async Task<int> Main(string[] args)
    {
        if (args is ["multi-import", .. var rest])
        {
            return await MultiImportBenchmark.RunAsync(rest);
        }

        if (args is ["per-core", .. var perCore])
        {
            return PerCoreCommand.Run(perCore);
        }

        if (args is ["write-pages", .. var options])
        {
            return WritePagesCommand.Run(options);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, new BenchmarkConfig());
        return 0;
    }
}
