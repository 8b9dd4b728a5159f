using ImportErrorAnalytics.Pipeline;
using ImportErrorAnalytics.Reporting;
using ImportErrorAnalytics.Reporting.Markdown;

namespace ImportErrorAnalytics.Cli;

/// <summary>
/// Where a multi-import run's reports go: the combined report wherever a single report would (standard output,
/// <c>--out</c>, <c>--json-out</c>, <c>--markdown-out</c>, <c>--html-out</c>, the job summary), and each import's report beside every
/// file option, with the import id before the extension (<c>report.json</c> → <c>report.184448894.json</c>).
/// </summary>
internal static class ImportSetFiles
{
    /// <summary>Writes the combined report and each import's; false when one of them could not be written (each is named on stderr).</summary>
    public static async Task<bool> WriteAllAsync(ImportSetReport result, OutputSettings output, TextWriter stdout, TextWriter stderr)
    {
        var written = await ReportFiles.WriteAllAsync(result.Combined, output, stdout, stderr).ConfigureAwait(false);
        if (output.OutputPath is null && output.JsonPath is null && output.MarkdownPath is null && output.HtmlPath is null)
        {
            await stderr.WriteLineAsync("iea: the combined report is on standard output; --out FILE also writes each import's report beside FILE.").ConfigureAwait(false);
            return written;
        }

        foreach (var report in result.Imports)
        {
            var importId = report.Sources[0].ImportId;
            var markdown = new Lazy<string>(() => MarkdownReport.Render(report, new MarkdownReportOptions { MaxBytes = output.MaxBytes }));
            var html = new Lazy<string>(() => ReportFiles.Html(report, output));
            if (output.OutputPath is { } path)
            {
                Func<string, Task> write = output.Format switch
                {
                    ReportFormat.Markdown => p => ReportFiles.WriteAtomicallyAsync(p, markdown.Value),
                    ReportFormat.Html => p => ReportFiles.WriteAtomicallyAsync(p, html.Value),
                    _ => p => ReportFiles.WriteAtomicallyAsync(p, report),
                };
                written &= await WriteAsync(PathFor(path, importId), importId, stderr, write).ConfigureAwait(false);
            }

            if (output.JsonPath is { } jsonPath)
            {
                written &= await WriteAsync(PathFor(jsonPath, importId), importId, stderr, p => ReportFiles.WriteAtomicallyAsync(p, report)).ConfigureAwait(false);
            }

            if (output.MarkdownPath is { } md)
            {
                written &= await WriteAsync(PathFor(md, importId), importId, stderr, p => ReportFiles.WriteAtomicallyAsync(p, markdown.Value)).ConfigureAwait(false);
            }

            if (output.HtmlPath is { } htmlPath)
            {
                written &= await WriteAsync(PathFor(htmlPath, importId), importId, stderr, p => ReportFiles.WriteAtomicallyAsync(p, html.Value)).ConfigureAwait(false);
            }
        }

        return written;
    }

    private static Task<bool> WriteAsync(string path, string importId, TextWriter stderr, Func<string, Task> write) =>
        ReportFiles.TryAsync(stderr, $"the report of import {importId} to '{path}'", () => write(path));

    /// <summary>
    /// <c>dir/report.json</c> → <c>dir/report.{importId}.json</c>, by the import's canonical id (digits without
    /// leading zeros, so one import has one file whatever spelling named it). Any character but letters, digits,
    /// <c>-</c> and <c>_</c> would become <c>_</c>: a file name never leaves its directory.
    /// </summary>
    internal static string PathFor(string path, string importId)
    {
        var safe = string.Concat(importId.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_'));
        var name = $"{Path.GetFileNameWithoutExtension(path)}.{safe}{Path.GetExtension(path)}";
        return Path.Combine(Path.GetDirectoryName(path) ?? "", name);
    }
}
