using System.CommandLine;
using ImportErrorAnalytics.Cli.CustomAggregators;
using ImportErrorAnalytics.Parsing;
using ImportErrorAnalytics.Pipeline;
using ImportErrorAnalytics.Pipeline.Checkpoints;
using ImportErrorAnalytics.Reporting;
using ImportErrorAnalytics.Snapshots;
using ImportErrorAnalytics.HubSpot;
using ImportErrorAnalytics.Model;
using ImportErrorAnalytics.Escaping;

namespace ImportErrorAnalytics.Cli;

/// <summary><c>iea report</c>: reads saved pages or a HubSpot import's errors and writes the report.</summary>
internal static class ReportCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr, Func<Stream>? stdin)
    {
        var options = new ReportOptions();
        var output = new OutputOptions();
        var command = new Command("report", "Analyse import errors (saved pages, NDJSON, or a HubSpot import) and write a report.");
        options.AddTo(command);
        output.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var input = options.Read(parseResult) with { FailedRowsWritten = summary => TellFailedRows(summary, stderr) };
            var settings = output.Read(parseResult);
            if (await OutputPreflight.CheckAsync(settings, stderr, input.Import?.CheckpointPath, input.FailedRowsPath).ConfigureAwait(false) is { } failed)
            {
                return failed;
            }

            return await AggregatorOption.RunWithSetAsync(
                input.Aggregators,
                stderr,
                async custom =>
                {
                    if (await CheckSavableAsync(custom, settings.SnapshotPath is not null, input.Import?.CheckpointPath is not null, stderr).ConfigureAwait(false) is { } usage)
                    {
                        return usage;
                    }

                    // A lambda, not the method group: a delegate made from a member of the JIT-only set counts as a use of it in trimming analysis.
                    Func<ImportErrorAnalyzerBuilder, ImportErrorAnalyzerBuilder> addCustom = custom is null ? builder => builder : builder => custom.AddTo(builder);
                    return input.Import is { IsMulti: true }
                        ? await ImportSetCommand.RunAsync(input, resolved => addCustom(resolved.CreateBuilder(stdin)), settings, stdout, stderr, cancellationToken).ConfigureAwait(false)
                        : await RunAsync(() => addCustom(input.CreateBuilder(stdin)), settings, stdout, stderr, cancellationToken).ConfigureAwait(false);
                },
                cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>Says on stderr what the failed-rows CSV holds, and what was left out of it.</summary>
    internal static void TellFailedRows(FailedRows.FailedRowsSummary summary, TextWriter stderr)
    {
        stderr.WriteLine(
            $"iea: wrote {summary.Rows} failed rows ({summary.Errors} errors) to {UntrustedText.Quote(summary.Path)} (--failed-rows); "
            + $"{summary.FileWideErrors} file-wide errors (line 0 or none) are not rows and were left out"
            + (summary.RowsWithoutCells > 0 ? $"; {summary.RowsWithoutCells} rows had no cells from HubSpot (empty cells)." : "."));
    }

    /// <summary>
    /// A snapshot or a checkpoint holds every aggregator's state: a custom aggregator that cannot save its state is a
    /// usage error, found before anything is read. Returns <see cref="ExitCodes.Usage"/> after saying so, or <see langword="null"/>.
    /// </summary>
    internal static async Task<int?> CheckSavableAsync(CustomAggregatorSet? custom, bool snapshot, bool checkpoint, TextWriter stderr)
    {
        if ((!snapshot && !checkpoint) || custom?.FirstThatCannotSave() is not { } name)
        {
            return null;
        }

        var (option, what) = snapshot ? ("--snapshot", "A snapshot") : ("--checkpoint", "A checkpoint");
        await stderr.WriteLineAsync(
            $"iea: {option}: {what} needs aggregators that can save their state; the custom aggregator '{name}' cannot (implement IPersistentErrorAggregator<TState>).").ConfigureAwait(false);
        return ExitCodes.Usage;
    }

    /// <summary>Builds and runs the analyzer, writes the report, and maps every outcome to its exit code.</summary>
    public static async Task<int> RunAsync(
        Func<ImportErrorAnalyzerBuilder> createBuilder, OutputSettings output, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var outputPath = output.OutputPath ?? output.JsonPath ?? output.MarkdownPath ?? output.HtmlPath;
        var progress = CreateProgress(stderr);
        ImportErrorAnalyzer analyzer;
        Task<ReportSnapshot>? running = null;
        try
        {
            analyzer = createBuilder()
                .Configure(options =>
                {
                    options.MaskValues = output.RedactValues;
                    options.MaskKey = output.MaskKey;
                })
                .WithLogging(new StderrLoggerFactory(stderr))
                .WithProgress(progress)
                .Build();
            if (output.SnapshotPath is not null)
            {
                // Refuses at once, before anything is read, when an aggregator cannot save its state.
                running = analyzer.RunToSnapshotAsync(cancellationToken);
            }
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
        {
            // The library's own checks of the configuration the options asked for (two aggregators with one name, say):
            // nothing has been read. Argument exceptions met while reading are never a usage error.
            progress.Finish();
            await stderr.WriteLineAsync($"iea: {(output.SnapshotPath is not null && ex is NotSupportedException ? "--snapshot: " : "")}{ex.Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        catch (Exception ex) when (Classify(ex) is { } code)
        {
            progress.Finish();
            await stderr.WriteLineAsync($"iea: {ex.Message}").ConfigureAwait(false);
            return code;
        }

        await using var owned = analyzer.ConfigureAwait(false);
        ImportErrorReport report;
        ReportSnapshot? snapshot = null;
        var exitCode = ExitCodes.Success;
        try
        {
            if (running is null)
            {
                report = await analyzer.RunAsync(cancellationToken).ConfigureAwait(false);
            }
            else
            {
                snapshot = await running.ConfigureAwait(false);
                report = snapshot.CreateReport(maskKey: output.MaskKey);
            }
        }
        catch (ImportErrorFormatException ex)
        {
            progress.Finish();
            await stderr.WriteLineAsync($"iea: {ex.Message}").ConfigureAwait(false);
            await stderr.WriteLineAsync("iea: use --keep-going to skip malformed pages of saved inputs and report the rest.").ConfigureAwait(false);
            if (output.SnapshotPath is not null)
            {
                await stderr.WriteLineAsync("iea: no snapshot was written: the run did not finish.").ConfigureAwait(false);
            }

            if (ex.PartialReport is null || outputPath is null)
            {
                return ExitCodes.MalformedData;
            }

            report = ex.PartialReport;
            exitCode = ExitCodes.MalformedData;
            await stderr.WriteLineAsync($"iea: the partial report (complete: false) of what was counted before the failure is in {UntrustedText.Quote(outputPath)}.").ConfigureAwait(false);
        }
        catch (FailedRows.FailedRowsWriteException ex) when (ex.CompletedResult is not null)
        {
            // The run finished and only the CSV failed: the reports of what was counted are still written.
            progress.Finish();
            await stderr.WriteLineAsync($"iea: {ex.Message}").ConfigureAwait(false);
            snapshot = ex.CompletedResult as ReportSnapshot;
            report = snapshot?.CreateReport(maskKey: output.MaskKey) ?? (ImportErrorReport)ex.CompletedResult;
            exitCode = ExitCodes.OutputFailed;
        }
        catch (Exception ex) when (Classify(ex) is { } code)
        {
            progress.Finish();
            await stderr.WriteLineAsync($"iea: {ex.Message}").ConfigureAwait(false);
            return code;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            progress.Finish();
            await stderr.WriteLineAsync("iea: cancelled.").ConfigureAwait(false);
            return ExitCodes.Cancelled;
        }

        progress.Finish();
        return await FinishAsync(report, snapshot, output, exitCode, stdout, stderr, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes the reports and the snapshot (if any), tells skipped inputs and warnings on stderr, and checks the gates
    /// unless the run already failed: the end of <c>iea report</c>, <c>iea demo</c> and <c>iea merge</c>. An output that
    /// cannot be written gives <see cref="ExitCodes.OutputFailed"/> (the gates are still told), unless the run already
    /// failed with its own code.
    /// </summary>
    public static async Task<int> FinishAsync(
        ImportErrorReport report, ReportSnapshot? snapshot, OutputSettings output, int exitCode, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var written = await ReportFiles.WriteAllAsync(report, output, stdout, stderr).ConfigureAwait(false);
        if (snapshot is not null && output.SnapshotPath is not null)
        {
            written &= await ReportFiles.TryAsync(stderr, $"the snapshot to '{output.SnapshotPath}' (--snapshot)", () => snapshot.WriteToFileAsync(output.SnapshotPath, cancellationToken)).ConfigureAwait(false);
        }

        foreach (var skipped in report.Skipped)
        {
            await stderr.WriteLineAsync($"iea: skipped {UntrustedText.Quote(skipped.Source)} {skipped.Unit} {skipped.Page} at byte {skipped.ByteOffset}: {UntrustedText.OneLine(skipped.Reason)}").ConfigureAwait(false);
        }

        foreach (var warning in report.Sources.SelectMany(source => source.Warnings))
        {
            await stderr.WriteLineAsync($"iea: warning: {UntrustedText.OneLine(warning)}").ConfigureAwait(false);
        }

        if (exitCode != ExitCodes.Success)
        {
            return exitCode;
        }

        var gates = await CheckGatesAsync(report, output.Gates, stderr).ConfigureAwait(false);
        return written ? gates : ExitCodes.OutputFailed;
    }

    /// <summary>A live line on a terminal a person watches; plain lines when redirected, under CI or in tests.</summary>
    internal static ProgressLine CreateProgress(TextWriter stderr) =>
        new(stderr, interactive: !Console.IsErrorRedirected && ReferenceEquals(OneLineWriter.Unwrap(stderr), Console.Error) && Environment.GetEnvironmentVariable("CI") is null);

    internal static async Task<int> CheckGatesAsync(ImportErrorReport report, Gates gates, TextWriter stderr)
    {
        IReadOnlyList<string> reasons;
        try
        {
            reasons = gates.Check(report);
        }
        catch (GateUnavailableException ex)
        {
            await stderr.WriteLineAsync($"iea: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.GateUnavailable;
        }

        foreach (var reason in reasons)
        {
            await stderr.WriteLineAsync($"iea: gate tripped: {reason}").ConfigureAwait(false);
        }

        return reasons.Count == 0 ? ExitCodes.Success : ExitCodes.GateTripped;
    }

    /// <summary>
    /// The exit code of a failure met while reading, or <see langword="null"/> for one that has none (a bug: exit 70).
    /// An argument exception is never a usage error here: the options were checked before anything was read.
    /// </summary>
    internal static int? Classify(Exception exception) => exception switch
    {
        FailedRows.FailedRowsWriteException => ExitCodes.OutputFailed,
        FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException => ExitCodes.InputNotFound,
        IOException => ExitCodes.InputNotFound,
        HubSpotApiException { Failure: HubSpotFailure.Unauthorized or HubSpotFailure.Forbidden } => ExitCodes.AuthenticationFailed,
        HubSpotApiException { Failure: HubSpotFailure.NotFound } => ExitCodes.ImportNotFound,
        HubSpotApiException { Failure: HubSpotFailure.DailyLimit or HubSpotFailure.RateLimitExhausted } => ExitCodes.RateLimited,
        HubSpotApiException => ExitCodes.HubSpotFailed,
        CheckpointException { IsSaveFailure: true } => ExitCodes.OutputFailed,
        CheckpointException => ExitCodes.CheckpointUnusable,
        _ => null,
    };
}
