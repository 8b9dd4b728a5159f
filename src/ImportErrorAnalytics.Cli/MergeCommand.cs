using System.CommandLine;
using ImportErrorAnalytics.Cli.CustomAggregators;
using ImportErrorAnalytics.Snapshots;
using ImportErrorAnalytics.Escaping;

namespace ImportErrorAnalytics.Cli;

/// <summary><c>iea merge SNAPSHOT...</c>: the report that one run over the inputs of all the snapshots would give.</summary>
internal static class MergeCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var snapshots = new Argument<string[]>("snapshot")
        {
            Description = "Snapshot files written by 'iea report --snapshot' (or by an earlier 'iea merge --snapshot').",
            Arity = ArgumentArity.OneOrMore,
        };
        var output = new OutputOptions();
        var aggregators = new AggregatorOption();
        var command = new Command("merge", "Merge the snapshots of several runs into the report one run over all their inputs would give.") { snapshots };
        output.AddTo(command);
        aggregators.AddTo(command);
        command.SetAction(async (result, cancellationToken) =>
        {
            var settings = output.Read(result);
            if (await OutputPreflight.CheckAsync(settings, stderr).ConfigureAwait(false) is { } failed)
            {
                return failed;
            }

            return await AggregatorOption.RunWithSetAsync(
                aggregators.Read(result),
                stderr,
                custom => RunAsync(result.GetValue(snapshots)!, custom, settings, stdout, stderr, cancellationToken),
                cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> RunAsync(
        string[] paths, CustomAggregatorSet? custom, OutputSettings output, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var reader = new SnapshotReader();
        try
        {
            custom?.AddTo(reader);
        }
        catch (ArgumentException ex)
        {
            // The reader's check of the --aggregator files (a name taken twice, a state it cannot read): nothing was read.
            await stderr.WriteLineAsync($"iea: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        ReportSnapshot merged;
        try
        {
            var parts = new List<ReportSnapshot>(paths.Length);
            foreach (var path in paths)
            {
                parts.Add(await reader.ReadFileAsync(path, cancellationToken).ConfigureAwait(false));
            }

            merged = ReportSnapshot.Merge(parts);
        }
        catch (SnapshotFormatException ex)
        {
            await stderr.WriteLineAsync($"iea: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.SnapshotUnreadable;
        }
        catch (SnapshotMismatchException ex)
        {
            await stderr.WriteLineAsync($"iea: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.SnapshotsIncompatible;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync($"iea: cannot read the snapshot: {UntrustedText.OneLine(ex.Message)}").ConfigureAwait(false);
            return ExitCodes.InputNotFound;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await stderr.WriteLineAsync("iea: cancelled.").ConfigureAwait(false);
            return ExitCodes.Cancelled;
        }

        var report = merged.CreateReport(maskValues: output.RedactValues, maskKey: output.MaskKey);
        return await ReportCommand.FinishAsync(report, merged, output, ExitCodes.Success, stdout, stderr, cancellationToken).ConfigureAwait(false);
    }
}
