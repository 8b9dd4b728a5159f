using System.CommandLine;
using ImportErrorAnalytics.Files;
using ImportErrorAnalytics.Escaping;

namespace ImportErrorAnalytics.Cli;

/// <summary>The <c>iea</c> command line: its commands, and the mapping of usage errors to <see cref="ExitCodes.Usage"/>.</summary>
internal static class IeaCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, Func<Stream>? stdin = null, CancellationToken cancellationToken = default)
    {
        // Every message on standard error is one line, whatever untrusted text it holds.
        stderr = OneLineWriter.Wrap(stderr);
        var root = CreateRoot(stdout, stderr, stdin);
        ParseResult parsed;
        try
        {
            parsed = root.Parse(args);
        }
        catch (Exception ex)
        {
            return await InternalErrorAsync(stderr, ex).ConfigureAwait(false);
        }

        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                await stderr.WriteLineAsync($"iea: {error.Message}").ConfigureAwait(false);
            }

            await stderr.WriteLineAsync("Run 'iea --help' for usage.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        if (!DataFileMode.TryParse(Environment.GetEnvironmentVariable(DataFileMode.Variable), out _, out var fileModeError))
        {
            await stderr.WriteLineAsync($"iea: {fileModeError}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var configuration = new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false };
        try
        {
            return await parsed.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await stderr.WriteLineAsync("iea: cancelled.").ConfigureAwait(false);
            return ExitCodes.Cancelled;
        }
        catch (Exception ex)
        {
            // A cancellation nobody asked for (a timeout surfacing as one) is a fault like any other, not a crash.
            return await InternalErrorAsync(stderr, ex).ConfigureAwait(false);
        }
    }

    /// <summary>The command tree: <c>report</c>, <c>merge</c> and <c>demo</c> with their options.</summary>
    internal static RootCommand CreateRoot(TextWriter stdout, TextWriter stderr, Func<Stream>? stdin = null)
    {
        var root = new RootCommand("iea: turns HubSpot CRM import errors into reports people act on. Every option and exit code is explained in docs/command-line.md of the ImportErrorAnalytics repository.");
        root.Subcommands.Add(ReportCommand.Create(stdout, stderr, stdin));
        root.Subcommands.Add(MergeCommand.Create(stdout, stderr));
        root.Subcommands.Add(DemoCommand.Create(stdout, stderr));
        root.Subcommands.Add(DiffCommand.Create(stdout, stderr));
        return root;
    }

    private static async Task<int> InternalErrorAsync(TextWriter stderr, Exception ex)
    {
        await stderr.WriteLineAsync($"iea: internal error ({ex.GetType().Name}): {UntrustedText.OneLine(ex.Message)}").ConfigureAwait(false);
        return ExitCodes.InternalError;
    }
}
