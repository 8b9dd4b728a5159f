using System.Text;

namespace ImportErrorAnalytics.Reporting.Markdown;

/// <summary>
/// The report as Markdown for people: in a terminal, on GitHub, in a CI job summary. Every value from the import is
/// untrusted and escaped (see docs/markdown-report.md); the JSON report always stays complete while this one keeps to a size budget.
/// </summary>
public static class MarkdownReport
{
    /// <summary>Renders <paramref name="report"/> within <see cref="MarkdownReportOptions.MaxBytes"/>.</summary>
    /// <param name="report">The report.</param>
    /// <param name="options">Layout options; defaults when <see langword="null"/>.</param>
    public static string Render(ImportErrorReport report, MarkdownReportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        options ??= new MarkdownReportOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBytes, 1024, nameof(options.MaxBytes));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxRows, 1, nameof(options.MaxRows));

        var limits = new SectionLimits(options.MaxRows);
        var custom = CustomResultText.Of(report);
        while (true)
        {
            var text = new MarkdownWriter(report, limits, options.Charts, custom).Write();
            if (Encoding.UTF8.GetByteCount(text) <= options.MaxBytes || !limits.TrimLongest())
            {
                return Truncate(text, options.MaxBytes);
            }
        }
    }

    /// <summary>The last resort when even the shortest lists do not fit: cut at a line, and say so.</summary>
    internal static string Truncate(string text, int maxBytes)
    {
        if (Encoding.UTF8.GetByteCount(text) <= maxBytes)
        {
            return text;
        }

        const string Note = "\n\n*The rest of this report was cut to fit the size budget; the JSON report is complete.*\n";
        // One pass finds the longest prefix within the budget, then the last line break at or before its end: counting
        // the prefix again for each line break tried cost the square of the report's lines.
        var budget = maxBytes - Encoding.UTF8.GetByteCount(Note);
        var fits = 0;
        var bytes = 0;
        while (fits < text.Length)
        {
            Rune.DecodeFromUtf16(text.AsSpan(fits), out var rune, out var used);
            if (bytes + rune.Utf8SequenceLength > budget)
            {
                break;
            }

            bytes += rune.Utf8SequenceLength;
            fits += used;
        }

        var cut = text.LastIndexOf('\n', Math.Min(fits, text.Length - 1));
        return text[..OutsideFence(text, Math.Max(cut, 0))] + Note;
    }

    /// <summary>
    /// <paramref name="cut"/>, or the start of the fenced block (a Mermaid chart, a custom result's JSON) it falls in,
    /// so the closing note is never swallowed by an unclosed fence.
    /// </summary>
    internal static int OutsideFence(string text, int cut)
    {
        string? open = null;
        var openAt = 0;
        var position = 0;
        while (position < cut)
        {
            var end = text.IndexOf('\n', position);
            if (end < 0 || end > cut)
            {
                end = cut;
            }

            var line = text.AsSpan(position, end - position);
            if (open is null)
            {
                if (line.StartsWith("```", StringComparison.Ordinal))
                {
                    open = new string('`', line.Length - line.TrimStart('`').Length);
                    openAt = position;
                }
            }
            else if (line.Length >= open.Length && line.TrimEnd(' ').TrimStart('`').IsEmpty)
            {
                open = null;
            }

            position = end + 1;
        }

        return open is null ? cut : openAt;
    }
}
