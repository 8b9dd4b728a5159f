using System.Globalization;
using System.Text;
using ImportErrorAnalytics.Escaping;

namespace ImportErrorAnalytics.Reporting.Markdown;

/// <summary>
/// Puts untrusted text (values, property names, error types, sources) into Markdown so that it stays text: always
/// inside a code span (never a link, emphasis, heading or HTML), with every control, line-break, format (bidirectional,
/// zero-width, tag), private-use, unassigned and default-ignorable code point shown as a visible escape, and <c>|</c>
/// escaped so a table keeps its columns.
/// </summary>
internal static class MarkdownText
{
    /// <summary>A code span for a table cell or running text.</summary>
    public static string Code(string? value)
    {
        if (value is null)
        {
            return "*(none)*";
        }

        if (value.Length == 0)
        {
            return "*(empty)*";
        }

        // Cut to what a person reads (ReportLabels.MaxShownChars), before escaping: a rendering costs what it shows.
        var visible = ReportLabels.Shown(value).Replace("|", "\\|", StringComparison.Ordinal);
        var fence = new string('`', LongestBacktickRun(visible) + 1);
        var pad = visible.StartsWith('`') || visible.EndsWith('`') || visible.StartsWith(' ') || visible.EndsWith(' ') ? " " : "";
        return fence + pad + visible + pad + fence;
    }

    /// <summary>
    /// Shows the text as a C-style escaped string (<see cref="EscapedText"/>): a backslash as <c>\\</c>, line breaks as
    /// <c>\n</c>, and every control, format, private-use, unassigned, unpaired surrogate or default-ignorable code point
    /// as <c>\uXXXX</c> or <c>\u{XXXXX}</c>, so nothing can end a line or a table row, reorder the text around it, hide
    /// inside it or pair with a following <c>\|</c>, and two different values never look alike.
    /// </summary>
    public static string Visible(string value) => EscapedText.Escape(value, escapeBackslash: true);

    /// <summary>
    /// A label for a Mermaid chart: a plain, quoted-safe subset (ASCII letters, digits and a little punctuation), one
    /// <c>?</c> for each other code point, cut to <paramref name="maxLength"/> code points.
    /// </summary>
    public static string ChartLabel(string? value, int maxLength = 40)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "(none)";
        }

        var builder = new StringBuilder(Math.Min(value.Length, maxLength + 1));
        var shown = 0;
        var text = value.AsSpan();
        while (!text.IsEmpty)
        {
            if (shown == maxLength)
            {
                builder.Append('~');
                break;
            }

            // An unpaired surrogate decodes as one replacement rune of one code unit: shown as '?' like any other.
            Rune.DecodeFromUtf16(text, out var rune, out var used);
            text = text[used..];
            shown++;
            builder.Append(rune.IsAscii && (char.IsAsciiLetterOrDigit((char)rune.Value) || rune.Value is ' ' or '_' or '-' or '.' or '@' or '/') ? (char)rune.Value : '?');
        }

        return builder.ToString();
    }

    public static string Number(long value) => ReportLabels.Number(value);

    public static string Percent(double share) => ReportLabels.Percent(share);

    private static int LongestBacktickRun(string value)
    {
        int longest = 0, run = 0;
        foreach (var c in value)
        {
            run = c == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        return longest;
    }
}
