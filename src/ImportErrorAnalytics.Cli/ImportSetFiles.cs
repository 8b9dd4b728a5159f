using ImportErrorAnalytics.Reporting;
using ImportErrorAnalytics.Reporting.Markdown;

namespace ImportErrorAnalytics.Cli;

/// <summary>
/// Where a multi-import run's reports go: the combined report wherever a single report would (standard output,
/// <c>--out</c>, <c>--json-out</c>, <c>--markdown-out</c>, the job summary), and each import's report beside every
/// file option, with the import id before the extension (<c>report.json</c> → <c>report.184448894.json</c>).
/// </summary>
internal static class ImportSetFiles
{
    public static async Task WriteAllAsync(ImportSetReport result, OutputSettings output, TextWriter stdout, TextWriter stderr)
    {
        await ReportFiles.WriteAllAsync(result.Combined, output, stdout).ConfigureAwait(false);
        if (output.OutputPath is null && output.JsonPath is null && output.MarkdownPath is null)
        {
            await stderr.WriteLineAsync("iea: the combined report is on standard output; --out FILE also writes each import's report beside FILE.").ConfigureAwait(false);
            return;
        }

        foreach (var report in result.Imports)
        {
            var importId = report.Sources[0].ImportId;
            var markdown = new Lazy<string>(() => MarkdownReport.Render(report, new MarkdownReportOptions { MaxBytes = output.MaxBytes }));
            if (output.OutputPath is { } path)
            {
                await ReportFiles.WriteAtomicallyAsync(PathFor(path, importId), output.Format == ReportFormat.Markdown ? markdown.Value : JsonReport.ToJson(report)).ConfigureAwait(false);
            }

            if (output.JsonPath is { } json)
            {
                await ReportFiles.WriteAtomicallyAsync(PathFor(json, importId), JsonReport.ToJson(report)).ConfigureAwait(false);
            }

            if (output.MarkdownPath is { } md)
            {
                await ReportFiles.WriteAtomicallyAsync(PathFor(md, importId), markdown.Value).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// <c>dir/report.json</c> → <c>dir/report.{importId}.json</c>; any character but letters, digits, <c>-</c> and
    /// <c>_</c> becomes <c>_</c>, so a file name means the same on every system (HubSpot's ids are digits).
    /// </summary>
    internal static string PathFor(string path, string importId)
    {
        var safe = string.Concat(importId.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_'));
        var name = $"{Path.GetFileNameWithoutExtension(path)}.{safe}{Path.GetExtension(path)}";
        return Path.Combine(Path.GetDirectoryName(path) ?? "", name);
    }
}
