using System.CommandLine;
using ImportErrorAnalytics.Comparison;
using ImportErrorAnalytics.Escaping;
using ImportErrorAnalytics.Reporting;
using ImportErrorAnalytics.Snapshots;

namespace ImportErrorAnalytics.Cli;

/// <summary><c>iea diff BEFORE AFTER</c>: what changed between two reports or snapshots (did the fix work), with gates.</summary>
internal static class DiffCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var before = new Argument<string>("before") { Description = "The report before the fix: a JSON report ('iea report --format json') or a snapshot ('--snapshot')." };
        var after = new Argument<string>("after") { Description = "The report after the fix: a JSON report or a snapshot." };
        var format = new Option<string>("--format") { Description = "Format of the diff on standard output or in --out: json, markdown or html.", DefaultValueFactory = _ => "json" };
        format.AcceptOnlyFromAmong("json", "markdown", "html");
        var output = new Option<string?>("--out", "-o") { Description = "Write the diff to this file (standard output when absent)." };
        var failIfNewType = new Option<bool>("--fail-if-new-type") { Description = "Exit 1 when an error type is counted after and not before." };
        var failIfIncrease = new Option<string?>("--fail-if-increase")
        {
            Description = "Exit 1 when the error rate (when both know their row totals), else the errors, grew by more than PCT percent (10 or 10%; 0: any growth).",
            HelpName = "PCT",
        };
        failIfIncrease.Check(text => text is not null && DiffGates.ParsePercent(text) is null
            ? "--fail-if-increase takes a percentage of 0 or more (10 or 10%)."
            : null);
        var redactValues = new Option<bool>("--redact-values")
        {
            Description = "Show every value the reports show in the clear as a short keyed hash, like 'iea report --redact-values'; the key is random per run unless --redact-key-env names one.",
        };
        var redactKeyEnv = new Option<string?>("--redact-key-env")
        {
            Description = "The environment variable holding the secret key of --redact-values (implies it): with the key of masked reports, their masks compare.",
            HelpName = "NAME",
        };
        // The message names the variable, never its value.
        redactKeyEnv.Check(variable => variable is not null && ValueMaskKey.ProblemWithEnvironment(variable) is { } problem
            ? "--redact-key-env: " + problem
            : null);
        var command = new Command("diff", "Compare two reports or snapshots of an import (before and after a fix): what changed, what is new, what is gone.")
        {
            before, after, format, output, failIfNewType, failIfIncrease, redactValues, redactKeyEnv,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var outPath = result.GetValue(output);
            if (await OutputPreflight.CheckAsync(OutputSettings.Default with { OutputPath = outPath }, stderr).ConfigureAwait(false) is { } failed)
            {
                return failed;
            }

            var maskKey = result.GetValue(redactKeyEnv) is { } variable ? ValueMaskKey.FromEnvironment(variable)
                : result.GetValue(redactValues) ? ValueMaskKey.CreateRandom()
                : null;
            var gates = new DiffGates(result.GetValue(failIfNewType), result.GetValue(failIfIncrease) is { } pct ? DiffGates.ParsePercent(pct) : null);
            return await RunAsync(
                result.GetValue(before)!, result.GetValue(after)!, result.GetValue(format)!, outPath, maskKey, gates, stdout, stderr, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> RunAsync(
        string beforePath, string afterPath, string format, string? outPath, ValueMaskKey? maskKey, DiffGates gates, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        ImportErrorReport before, after;
        try
        {
            before = await ReportDiff.ReadInputAsync(beforePath, maskKey, cancellationToken: cancellationToken).ConfigureAwait(false);
            after = await ReportDiff.ReadInputAsync(afterPath, maskKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (SnapshotFormatException ex)
        {
            await stderr.WriteLineAsync($"iea: {UntrustedText.OneLine(ex.Message)}").ConfigureAwait(false);
            return ExitCodes.SnapshotUnreadable;
        }
        catch (ReportFormatException ex)
        {
            await stderr.WriteLineAsync($"iea: {UntrustedText.OneLine(ex.Message)}").ConfigureAwait(false);
            return ExitCodes.MalformedData;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync($"iea: cannot read the input: {UntrustedText.OneLine(ex.Message)}").ConfigureAwait(false);
            return ExitCodes.InputNotFound;
        }

        var diff = ReportDiff.Compare(before, after, maskKey);
        var text = format switch
        {
            "markdown" => diff.ToMarkdown(),
            "html" => diff.ToHtml(),
            _ => diff.ToJson(),
        };
        var written = outPath is null
            ? await ReportFiles.TryAsync(stderr, "the diff to standard output", async () =>
            {
                await stdout.WriteLineAsync(text).ConfigureAwait(false);
                await stdout.FlushAsync(cancellationToken).ConfigureAwait(false);
            }).ConfigureAwait(false)
            : await ReportFiles.TryAsync(stderr, $"the diff to '{outPath}' (--out)", () => ReportFiles.WriteAtomicallyAsync(outPath, text)).ConfigureAwait(false);

        var reasons = gates.Check(diff);
        foreach (var reason in reasons)
        {
            await stderr.WriteLineAsync($"iea: gate tripped: {reason}").ConfigureAwait(false);
        }

        return !written ? ExitCodes.OutputFailed : reasons.Count > 0 ? ExitCodes.GateTripped : ExitCodes.Success;
    }
}
