using BenchmarkDotNet.Running;

namespace ImportErrorAnalytics.Benchmarks;

internal static class Program
{
    /// <summary>BenchmarkDotNet's switcher, or <c>multi-import [options]</c>: the measured multi-import program.</summary>
    private static async Task<int> Main(string[] args)
    {
        if (args is ["multi-import", .. var rest])
        {
            return await MultiImportBenchmark.RunAsync(rest);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, new BenchmarkConfig());
        return 0;
    }
}
