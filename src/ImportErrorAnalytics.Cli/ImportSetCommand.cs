using ImportErrorAnalytics.Parsing;
using ImportErrorAnalytics.Pipeline;
using ImportErrorAnalytics.Reporting;
using ImportErrorAnalytics.Escaping;
using ImportErrorAnalytics.HubSpot;

namespace ImportErrorAnalytics.Cli;

/// <summary>
/// <c>iea report</c> with several <c>--import-id</c>s or <c>--all-imports</c>: lists the imports if asked, reads them
/// concurrently under one rate limiter, writes the combined report where a single report would go and each import's
/// report beside it (<see cref="ImportSetFiles"/>), and applies the gates to the combined report.
/// </summary>
internal static class ImportSetCommand
{
    public static async Task<int> RunAsync(
        ReportSettingsInput input,
        Func<ReportSettingsInput, ImportErrorAnalyzerBuilder> createBuilder,
        OutputSettings output,
        TextWriter stdout,
        TextWriter stderr,
        CancellationToken cancellationToken)
    {
        var progress = ReportCommand.CreateProgress(stderr);
        var loggers = new StderrLoggerFactory(stderr);
        HubSpotInput import;
        // The listing and the imports' reading go under one budget: the command owns the limiter both use.
        using var limiter = input.Import!.AllImports ? HubSpotRateLimiters.Create(input.Import.RequestsPerTenSeconds, TimeProvider.System) : null;
        try
        {
            import = await (input.Import with { RateLimiter = limiter }).ResolveAsync(loggers, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ReportCommand.Classify(ex) is { } code)
        {
            progress.Finish();
            await stderr.WriteLineAsync($"iea: {ex.Message}").ConfigureAwait(false);
            return code;
        }

        foreach (var repeated in import.RepeatedImportIds)
        {
            await stderr.WriteLineAsync($"iea: {repeated} is given more than once; it is read once.").ConfigureAwait(false);
        }

        if (import.AllImports)
        {
            var since = import.Since is { } date ? $" created since {date:yyyy-MM-dd HH:mm:ss} UTC" : "";
            await stderr.WriteLineAsync($"iea: {import.ImportIds.Count} imports{since} listed.").ConfigureAwait(false);
        }

        ImportErrorAnalyzer analyzer;
        try
        {
            analyzer = createBuilder(input with { Import = import })
                .Configure(options =>
                {
                    options.MaskValues = output.RedactValues;
                    options.MaskKey = output.MaskKey;
                    options.MaxConcurrentImports = import.ConcurrentImports;
                })
                .WithLogging(loggers)
                .WithProgress(progress)
                .Build();
        }
        catch (ArgumentException ex)
        {
            // The library's checks of the configuration the options asked for; nothing has been read (see ReportCommand).
            progress.Finish();
            await stderr.WriteLineAsync($"iea: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        catch (Exception ex) when (ReportCommand.Classify(ex) is { } code)
        {
            progress.Finish();
            await stderr.WriteLineAsync($"iea: {ex.Message}").ConfigureAwait(false);
            return code;
        }

        await using var owned = analyzer.ConfigureAwait(false);
        ImportSetReport result;
        try
        {
            result = await analyzer.RunPerImportAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ImportErrorFormatException ex)
        {
            progress.Finish();
            await stderr.WriteLineAsync($"iea: {ex.Message}").ConfigureAwait(false);
            await stderr.WriteLineAsync("iea: with several imports, a failure stops every import and no report is written.").ConfigureAwait(false);
            return ExitCodes.MalformedData;
        }
        catch (Exception ex) when (ReportCommand.Classify(ex) is { } code)
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
        var written = true;
        if (output.SnapshotPath is not null)
        {
            // The aggregators were checked for it before the run (ReportCommand.CheckSavableAsync).
            written = await ReportFiles.TryAsync(stderr, $"the snapshot to '{output.SnapshotPath}' (--snapshot)", () => result.CreateSnapshot().WriteToFileAsync(output.SnapshotPath, cancellationToken)).ConfigureAwait(false);
        }

        written &= await ImportSetFiles.WriteAllAsync(result, output, stdout, stderr).ConfigureAwait(false);
        foreach (var warning in result.Combined.Sources.SelectMany(source => source.Warnings.Select(warning => $"import {UntrustedText.Quote(source.ImportId)}: {UntrustedText.OneLine(warning)}")))
        {
            await stderr.WriteLineAsync($"iea: warning: {warning}").ConfigureAwait(false);
        }

        var gates = await ReportCommand.CheckGatesAsync(result.Combined, output.Gates, stderr).ConfigureAwait(false);
        return written ? gates : ExitCodes.OutputFailed;
    }
}
