namespace ImportErrorAnalytics.Cli;

/// <summary>
/// What can be known about the outputs before anything is read: each file's directory exists and the file is not a
/// directory, and <c>--github-summary</c> has its variable. A run that would only fail at the end (after minutes of
/// reading, or of HubSpot's daily budget) stops at once with <see cref="ExitCodes.OutputFailed"/>.
/// </summary>
internal static class OutputPreflight
{
    public const string NoSummaryVariable = "--github-summary needs the environment variable " + ReportFiles.SummaryVariable + " (GitHub Actions sets it); it is not set.";

    /// <summary>Checks the outputs; returns <see cref="ExitCodes.OutputFailed"/> after naming each problem, or <see langword="null"/>.</summary>
    /// <param name="output">The report outputs and the snapshot.</param>
    /// <param name="stderr">Where problems are told.</param>
    /// <param name="checkpoint">The <c>--checkpoint</c> file, if any.</param>
    /// <param name="failedRows">The <c>--failed-rows</c> file, if any.</param>
    public static async Task<int?> CheckAsync(OutputSettings output, TextWriter stderr, string? checkpoint = null, string? failedRows = null)
    {
        var problems = new List<string>();
        Check(output.OutputPath, "--out", problems);
        Check(output.JsonPath, "--json-out", problems);
        Check(output.MarkdownPath, "--markdown-out", problems);
        Check(output.HtmlPath, "--html-out", problems);
        Check(output.SnapshotPath, "--snapshot", problems);
        Check(checkpoint, "--checkpoint", problems);
        Check(failedRows, "--failed-rows", problems);
        if (output.GithubSummary)
        {
            var summary = Environment.GetEnvironmentVariable(ReportFiles.SummaryVariable);
            if (string.IsNullOrEmpty(summary))
            {
                problems.Add(NoSummaryVariable);
            }
            else
            {
                Check(summary, ReportFiles.SummaryVariable, problems);
            }
        }

        SameFileTwice(
            [(output.OutputPath, "--out"), (output.JsonPath, "--json-out"), (output.MarkdownPath, "--markdown-out"), (output.HtmlPath, "--html-out"),
             (output.SnapshotPath, "--snapshot"), (checkpoint, "--checkpoint"), (failedRows, "--failed-rows")],
            problems);
        foreach (var problem in problems)
        {
            await stderr.WriteLineAsync($"iea: {problem}").ConfigureAwait(false);
        }

        if (problems.Count == 0)
        {
            return null;
        }

        await stderr.WriteLineAsync("iea: nothing was read.").ConfigureAwait(false);
        return ExitCodes.OutputFailed;
    }

    /// <summary>Two outputs named the same file: the one written last would silently replace the other.</summary>
    private static void SameFileTwice(IEnumerable<(string? Path, string Option)> outputs, List<string> problems)
    {
        var named = outputs.Where(output => !string.IsNullOrEmpty(output.Path) && output.Path != "-")
            .GroupBy(output => Path.GetFullPath(output.Path!), StringComparer.Ordinal)
            .Where(group => group.Count() > 1);
        foreach (var group in named)
        {
            problems.Add($"{string.Join(" and ", group.Select(output => output.Option))} name the same file '{group.First().Path}': each output needs its own.");
        }
    }

    private static void Check(string? path, string option, List<string> problems)
    {
        if (path is null)
        {
            return;
        }

        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full);
        if (Directory.Exists(full))
        {
            problems.Add($"cannot write '{path}' ({option}): it is a directory.");
        }
        else if (directory is not null && !Directory.Exists(directory))
        {
            problems.Add($"cannot write '{path}' ({option}): the directory '{directory}' does not exist.");
        }
    }
}
