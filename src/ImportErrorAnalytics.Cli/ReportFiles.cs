using System.Text;
using ImportErrorAnalytics.Files;
using ImportErrorAnalytics.Reporting;
using ImportErrorAnalytics.Reporting.Markdown;

namespace ImportErrorAnalytics.Cli;

/// <summary>Writes the reports a run asked for: standard output or <c>--out</c>, <c>--json-out</c>, <c>--markdown-out</c>, the GitHub job summary.</summary>
internal static class ReportFiles
{
    public static async Task WriteAllAsync(ImportErrorReport report, OutputSettings output, TextWriter stdout)
    {
        var markdown = new Lazy<string>(() => MarkdownReport.Render(report, new MarkdownReportOptions { MaxBytes = output.MaxBytes }));
        var primary = output.Format == ReportFormat.Markdown ? markdown.Value : JsonReport.ToJson(report);
        if (output.OutputPath is null)
        {
            await stdout.WriteLineAsync(primary).ConfigureAwait(false);
            await stdout.FlushAsync().ConfigureAwait(false);
        }
        else
        {
            await WriteAtomicallyAsync(output.OutputPath, primary).ConfigureAwait(false);
        }

        if (output.JsonPath is not null)
        {
            await WriteAtomicallyAsync(output.JsonPath, JsonReport.ToJson(report)).ConfigureAwait(false);
        }

        if (output.MarkdownPath is not null)
        {
            await WriteAtomicallyAsync(output.MarkdownPath, markdown.Value).ConfigureAwait(false);
        }

        if (output.GithubSummary)
        {
            await AppendSummaryAsync(markdown.Value).ConfigureAwait(false);
        }
    }

    /// <summary>Appends to the file GitHub Actions names in GITHUB_STEP_SUMMARY.</summary>
    /// <exception cref="IOException">GITHUB_STEP_SUMMARY is not set.</exception>
    private static async Task AppendSummaryAsync(string markdown)
    {
        var path = Environment.GetEnvironmentVariable("GITHUB_STEP_SUMMARY");
        if (string.IsNullOrEmpty(path))
        {
            throw new IOException("--github-summary needs the environment variable GITHUB_STEP_SUMMARY (set by GitHub Actions).");
        }

        await File.AppendAllTextAsync(path, markdown + "\n", Encoding.UTF8).ConfigureAwait(false);
    }

    /// <summary>Writes a report file through the library's atomic writer: a new owner-only temporary file, flushed, renamed.</summary>
    internal static Task WriteAtomicallyAsync(string path, string content) => AtomicFile.WriteTextAsync(path, content, CancellationToken.None);
}
