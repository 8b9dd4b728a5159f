using System.CommandLine;
using ImportErrorAnalytics.Cli.Hosting;
using ImportErrorAnalytics.Pipeline;
using ImportErrorAnalytics.Escaping;

namespace ImportErrorAnalytics.Cli.CustomAggregators;

/// <summary>The repeatable <c>--aggregator FILE</c> option of <c>iea report</c> and <c>iea demo</c>.</summary>
internal sealed class AggregatorOption
{
    private readonly Option<string[]> _files = new("--aggregator")
    {
        Description = "A C# file of custom aggregators (IErrorAggregator<TState, TResult>), compiled and checked by the IEA analyzers; repeatable.",
        HelpName = "FILE",
    };

    public void AddTo(Command command) => command.Options.Add(_files);

    public string[] Read(ParseResult result) => result.GetValue(_files) ?? [];

    /// <summary>
    /// Loads the aggregator files (printing their diagnostics), then runs <paramref name="run"/> with a step that adds
    /// them to a builder; unloads them afterwards. Returns the load's exit code when a file cannot be used, and
    /// <see cref="ExitCodes.CustomAggregatorFailed"/> when their code throws. In the native <c>iea</c>, which cannot
    /// compile and load code, the process becomes the JIT build with the same arguments (<see cref="JitRelaunch"/>).
    /// </summary>
    public static Task<int> RunWithAsync(
        IReadOnlyList<string> files, TextWriter stderr, Func<Func<ImportErrorAnalyzerBuilder, ImportErrorAnalyzerBuilder>, Task<int>> run, CancellationToken cancellationToken) =>
        RunWithSetAsync(files, stderr, set => run(set is null ? builder => builder : builder => set.AddTo(builder)), cancellationToken);

    /// <summary>As <see cref="RunWithAsync"/>, handing <paramref name="run"/> the loaded set (<see langword="null"/> without files).</summary>
    public static async Task<int> RunWithSetAsync(
        IReadOnlyList<string> files, TextWriter stderr, Func<CustomAggregatorSet?, Task<int>> run, CancellationToken cancellationToken)
    {
        if (files.Count == 0)
        {
            return await run(null).ConfigureAwait(false);
        }

        if (!JitOnlyFeatures.IsSupported)
        {
            // The native iea: the JIT build shipped beside it compiles and runs the files, as this run.
            return await JitRelaunch.RunAsync("--aggregator", stderr).ConfigureAwait(false);
        }

        var (set, code) = await CustomAggregatorSet.LoadAsync(files, stderr, cancellationToken).ConfigureAwait(false);
        if (set is null)
        {
            return code;
        }

        using (set)
        {
            try
            {
                return await run(set).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException && set.IsFrom(ex))
            {
                await stderr.WriteLineAsync($"iea: a custom aggregator failed: {ex.GetType().Name}: {UntrustedText.OneLine(ex.Message)}").ConfigureAwait(false);
                return ExitCodes.CustomAggregatorFailed;
            }
        }
    }
}
