namespace ImportErrorAnalytics.Soak;

/// <summary>
/// The soak: streams millions of synthetic errors through the whole pipeline and checks throughput, memory and
/// exactness against the targets. Exit code 0 when every target is met, 1 when one is missed, 2 on a usage error.
/// </summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        SoakArguments arguments;
        try
        {
            arguments = SoakArguments.Parse(args);
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync($"soak: {ex.Message}");
            await Console.Error.WriteLineAsync("usage: soak [--errors N] [--warmup N] [--page-size N] [--seed N] [--distinct-values N] [--max-errors-per-file N] [--parallelism N]");
            return 2;
        }

        var result = await SoakRun.RunAsync(arguments, Console.Out);
        SoakOutput.Print(result, Console.Out);
        return result.Checks.All(check => check.Met) ? 0 : 1;
    }
}
