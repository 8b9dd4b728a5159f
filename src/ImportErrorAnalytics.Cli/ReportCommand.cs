using System.CommandLine;
using ImportErrorAnalytics.Cli.CustomAggregators;
using ImportErrorAnalytics.Parsing;
using ImportErrorAnalytics.Pipeline;
using ImportErrorAnalytics.Pipeline.Checkpoints;
using ImportErrorAnalytics.Reporting;
using ImportErrorAnalytics.Snapshots;
using ImportErrorAnalytics.Sources.HubSpot;
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
        command.SetAction((parseResult, cancellationToken) =>
        {
            var input = options.Read(parseResult);
            return AggregatorOption.RunWithAsync(
                input.Aggregators,
                stderr,
                addCustom => input.Import is { IsMulti: true }
                    ? ImportSetCommand.RunAsync(input, resolved => addCustom(resolved.CreateBuilder(stdin)), output.Read(parseResult), stdout, stderr, cancellationToken)
                    : RunAsync(() => addCustom(input.CreateBuilder(stdin)), output.Read(parseResult), stdout, stderr, cancellationToken),
                cancellationToken);
        });
        return command;
    }

    /// <summary>Builds and runs the analyzer, writes the report, and maps every outcome to its exit code.</summary>
    public static async Task<int> RunAsync(
        Func<ImportErrorAnalyzerBuilder> createBuilder, OutputSettings output, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var outputPath = output.OutputPath ?? output.JsonPath ?? output.MarkdownPath;
        var progress = CreateProgress(stderr);
        ImportErrorReport report;
        ReportSnapshot? snapshot = null;
        var started = false;
        var exitCode = ExitCodes.Success;
        try
        {
            var analyzer = createBuilder()
                .Configure(options =>
                {
                    options.MaskValues = output.RedactValues;
                    options.MaskKey = output.MaskKey;
                })
                .WithLogging(new StderrLoggerFactory(stderr))
                .WithProgress(progress)
                .Build();
            if (output.SnapshotPath is null)
            {
                report = await analyzer.RunAsync(cancellationToken).ConfigureAwait(false);
            }
            else
            {
                var running = analyzer.RunToSnapshotAsync(cancellationToken);
                started = true;
                snapshot = await running.ConfigureAwait(false);
                report = snapshot.CreateReport(maskKey: output.MaskKey);
            }
        }
        catch (NotSupportedException ex) when (!started && output.SnapshotPath is not null)
        {
            // Refused before anything was read: a custom aggregator cannot save its state.
            progress.Finish();
            await stderr.WriteLineAsync($"iea: --snapshot: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
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
    /// unless the run already failed: the end of <c>iea report</c>, <c>iea demo</c> and <c>iea merge</c>.
    /// </summary>
    public static async Task<int> FinishAsync(
        ImportErrorReport report, ReportSnapshot? snapshot, OutputSettings output, int exitCode, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        await ReportFiles.WriteAllAsync(report, output, stdout).ConfigureAwait(false);
        if (snapshot is not null && output.SnapshotPath is not null)
        {
            await snapshot.WriteToFileAsync(output.SnapshotPath, cancellationToken).ConfigureAwait(false);
        }

        foreach (var skipped in report.Skipped)
        {
            await stderr.WriteLineAsync($"iea: skipped {UntrustedText.Quote(skipped.Source)} page {skipped.Page} at byte {skipped.ByteOffset}: {UntrustedText.OneLine(skipped.Reason)}").ConfigureAwait(false);
        }

        foreach (var warning in report.Sources.SelectMany(source => source.Warnings))
        {
            await stderr.WriteLineAsync($"iea: warning: {UntrustedText.OneLine(warning)}").ConfigureAwait(false);
        }

        return exitCode == ExitCodes.Success ? await CheckGatesAsync(report, output.Gates, stderr).ConfigureAwait(false) : exitCode;
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

    internal static int? Classify(Exception exception) => exception switch
    {
        FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException => ExitCodes.InputNotFound,
        IOException => ExitCodes.InputNotFound,
        HubSpotApiException { Failure: HubSpotFailure.Unauthorized or HubSpotFailure.Forbidden } => ExitCodes.AuthenticationFailed,
        HubSpotApiException { Failure: HubSpotFailure.NotFound } => ExitCodes.ImportNotFound,
        HubSpotApiException { Failure: HubSpotFailure.DailyLimit or HubSpotFailure.RateLimitExhausted } => ExitCodes.RateLimited,
        HubSpotApiException => ExitCodes.HubSpotFailed,
        CheckpointException => ExitCodes.CheckpointUnusable,
        ArgumentException => ExitCodes.Usage,
        _ => null,
    };
}
