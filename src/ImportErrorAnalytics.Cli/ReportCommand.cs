using System.CommandLine;
using ImportErrorAnalytics.Parsing;
using ImportErrorAnalytics.Pipeline;
using ImportErrorAnalytics.Reporting;

namespace ImportErrorAnalytics.Cli;

/// <summary><c>iea report</c>: reads saved pages of import errors and writes the report.</summary>
internal static class ReportCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr, Func<Stream>? stdin)
    {
        var options = new ReportOptions();
        var command = new Command("report", "Analyse import errors and write a report.");
        options.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => RunAsync(options.Read(parseResult), stdout, stderr, stdin, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(ReportSettingsInput input, TextWriter stdout, TextWriter stderr, Func<Stream>? stdin, CancellationToken cancellationToken)
    {
        ImportErrorAnalyzer analyzer;
        try
        {
            analyzer = input.CreateBuilder(stdin).Build();
        }
        catch (FileNotFoundException ex)
        {
            await stderr.WriteLineAsync($"iea: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.InputNotFound;
        }

        ImportErrorReport report;
        var exitCode = ExitCodes.Success;
        try
        {
            report = await analyzer.RunAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ImportErrorFormatException ex)
        {
            await stderr.WriteLineAsync($"iea: {ex.Message}").ConfigureAwait(false);
            await stderr.WriteLineAsync("iea: use --keep-going to skip malformed pages and report the rest.").ConfigureAwait(false);
            if (ex.PartialReport is null || input.OutputPath is null)
            {
                return ExitCodes.MalformedData;
            }

            report = ex.PartialReport;
            exitCode = ExitCodes.MalformedData;
            await stderr.WriteLineAsync($"iea: the partial report (complete: false) of what was counted before the failure is in '{input.OutputPath}'.").ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync($"iea: cannot read the input: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.InputNotFound;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await stderr.WriteLineAsync("iea: cancelled.").ConfigureAwait(false);
            return ExitCodes.Cancelled;
        }

        await WriteAsync(report, input.OutputPath, stdout, CancellationToken.None).ConfigureAwait(false);
        foreach (var skipped in report.Skipped)
        {
            await stderr.WriteLineAsync($"iea: skipped '{skipped.Source}' page {skipped.Page} at byte {skipped.ByteOffset}: {skipped.Reason}").ConfigureAwait(false);
        }

        return exitCode;
    }

    private static async Task WriteAsync(ImportErrorReport report, string? path, TextWriter stdout, CancellationToken cancellationToken)
    {
        if (path is null)
        {
            await stdout.WriteLineAsync(JsonReport.ToJson(report)).ConfigureAwait(false);
            await stdout.FlushAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        var temporary = Path.Combine(directory!, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
        var file = File.Create(temporary);
        await using (file.ConfigureAwait(false))
        {
            await JsonReport.WriteAsync(report, file, cancellationToken).ConfigureAwait(false);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
