using System.Text;
using ImportErrorAnalytics.Files;
using ImportErrorAnalytics.Reporting;
using ImportErrorAnalytics.Reporting.Html;
using ImportErrorAnalytics.Reporting.Markdown;

namespace ImportErrorAnalytics.Cli;

/// <summary>
/// Writes the reports a run asked for: standard output or <c>--out</c>, <c>--json-out</c>, <c>--markdown-out</c>, <c>--html-out</c>, the
/// GitHub job summary. Each output is written on its own: one that cannot be written (a missing directory, no
/// permission, a full disk) is named on stderr and the others are still written.
/// </summary>
internal static class ReportFiles
{
    /// <summary>The variable GitHub Actions sets to the job summary's file.</summary>
    public const string SummaryVariable = "GITHUB_STEP_SUMMARY";

    /// <summary>Writes every report; false when one of them could not be written (each is named on <paramref name="stderr"/>).</summary>
    public static async Task<bool> WriteAllAsync(ImportErrorReport report, OutputSettings output, TextWriter stdout, TextWriter stderr)
    {
        var markdown = new Lazy<string>(() => MarkdownReport.Render(report, new MarkdownReportOptions { MaxBytes = output.MaxBytes }));
        var html = new Lazy<string>(() => Html(report, output));
        var written = output.OutputPath is null
            ? await TryAsync(stderr, "the report to standard output", async () =>
            {
                if (output.Format == ReportFormat.Json)
                {
                    JsonReport.WriteTo(report, stdout);
                    await stdout.WriteLineAsync().ConfigureAwait(false);
                }
                else
                {
                    await stdout.WriteLineAsync(output.Format == ReportFormat.Html ? html.Value : markdown.Value).ConfigureAwait(false);
                }

                await stdout.FlushAsync().ConfigureAwait(false);
            }).ConfigureAwait(false)
            : await TryAsync(stderr, $"the report to '{output.OutputPath}' (--out)", () => output.Format switch
            {
                ReportFormat.Markdown => WriteAtomicallyAsync(output.OutputPath, markdown.Value),
                ReportFormat.Html => WriteAtomicallyAsync(output.OutputPath, html.Value),
                _ => WriteAtomicallyAsync(output.OutputPath, report),
            }).ConfigureAwait(false);

        if (output.JsonPath is not null)
        {
            written &= await TryAsync(stderr, $"the JSON report to '{output.JsonPath}' (--json-out)", () => WriteAtomicallyAsync(output.JsonPath, report)).ConfigureAwait(false);
        }

        if (output.MarkdownPath is not null)
        {
            written &= await TryAsync(stderr, $"the Markdown report to '{output.MarkdownPath}' (--markdown-out)", () => WriteAtomicallyAsync(output.MarkdownPath, markdown.Value)).ConfigureAwait(false);
        }

        if (output.HtmlPath is not null)
        {
            written &= await TryAsync(stderr, $"the HTML report to '{output.HtmlPath}' (--html-out)", () => WriteAtomicallyAsync(output.HtmlPath, html.Value)).ConfigureAwait(false);
        }

        if (output.GithubSummary)
        {
            written &= await TryAsync(stderr, "the job summary (--github-summary)", () => AppendSummaryAsync(markdown.Value)).ConfigureAwait(false);
        }

        return written;
    }

    /// <summary>The HTML report within <c>--html-max-bytes</c>.</summary>
    internal static string Html(ImportErrorReport report, OutputSettings output) =>
        HtmlReport.Render(report, new HtmlReportOptions { MaxBytes = output.HtmlMaxBytes });

    /// <summary>
    /// Runs <paramref name="write"/>; when the file system refuses it, tells which output on <paramref name="stderr"/>
    /// and returns false.
    /// </summary>
    public static async Task<bool> TryAsync(TextWriter stderr, string what, Func<Task> write)
    {
        try
        {
            await write().ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync($"iea: cannot write {what}: {ex.Message}").ConfigureAwait(false);
            return false;
        }
    }

    /// <summary>Appends to the file GitHub Actions names in GITHUB_STEP_SUMMARY.</summary>
    /// <exception cref="IOException">GITHUB_STEP_SUMMARY is not set, or its file cannot be appended to.</exception>
    private static async Task AppendSummaryAsync(string markdown)
    {
        var path = Environment.GetEnvironmentVariable(SummaryVariable);
        if (string.IsNullOrEmpty(path))
        {
            throw new IOException(OutputPreflight.NoSummaryVariable);
        }

        await File.AppendAllTextAsync(path, markdown + "\n", Encoding.UTF8).ConfigureAwait(false);
    }

    /// <summary>Writes a report file through the library's atomic writer: a new owner-only temporary file, flushed, renamed.</summary>
    internal static Task WriteAtomicallyAsync(string path, string content) => AtomicFile.WriteTextAsync(path, content, CancellationToken.None);

    /// <summary>
    /// Writes the JSON report through the library's atomic writer, serialized straight into the file in chunks (a report
    /// of many megabytes is never whole in memory).
    /// </summary>
    internal static Task WriteAtomicallyAsync(string path, ImportErrorReport report) => AtomicFile.WriteAsync(
        path,
        (stream, _) =>
        {
            JsonReport.WriteTo(report, stream);
            return ValueTask.CompletedTask;
        },
        AtomicFileOptions.ForData(),
        CancellationToken.None);
}
