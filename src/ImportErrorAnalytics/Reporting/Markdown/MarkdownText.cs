using System.Globalization;
using System.Text;

namespace ImportErrorAnalytics.Reporting.Markdown;

/// <summary>
/// Puts untrusted text (values, property names, error types, sources) into Markdown so that it stays text: always
/// inside a code span (never a link, emphasis, heading or HTML), with every control, line-break and bidirectional
/// formatting character shown as a visible escape, and <c>|</c> escaped so a table keeps its columns.
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

        var visible = Visible(value).Replace("|", "\\|", StringComparison.Ordinal);
        var fence = new string('`', LongestBacktickRun(visible) + 1);
        var pad = visible.StartsWith('`') || visible.EndsWith('`') || visible.StartsWith(' ') || visible.EndsWith(' ') ? " " : "";
        return fence + pad + visible + pad + fence;
    }

    /// <summary>
    /// Shows the text as a C-style escaped string: a backslash as <c>\\</c>, line breaks as <c>\n</c>, and control,
    /// invisible and bidirectional formatting characters as <c>\uXXXX</c>, so nothing can end a line or a table row,
    /// reorder the text around it, or pair with a following <c>\|</c>.
    /// </summary>
    public static string Visible(string value)
    {
        var builder = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                builder.Append(c).Append(value[i + 1]);
                i++;
            }
            else if (c == '\\')
            {
                builder.Append("\\\\");
            }
            else if (c == '\n')
            {
                builder.Append("\\n");
            }
            else if (c == '\r')
            {
                builder.Append("\\r");
            }
            else if (c == '\t')
            {
                builder.Append("\\t");
            }
            else if (NeedsEscape(c))
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>A label for a Mermaid chart: a plain, quoted-safe subset (letters, digits and a little punctuation).</summary>
    public static string ChartLabel(string? value, int maxLength = 40)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "(none)";
        }

        var builder = new StringBuilder(Math.Min(value.Length, maxLength));
        foreach (var c in value)
        {
            if (builder.Length == maxLength)
            {
                builder.Append('~');
                break;
            }

            builder.Append(char.IsAsciiLetterOrDigit(c) || c is ' ' or '_' or '-' or '.' or '@' or '/' ? c : '?');
        }

        return builder.ToString();
    }

    public static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Percent(double share) => share.ToString("P1", CultureInfo.InvariantCulture);

    private static bool NeedsEscape(char c) =>
        char.IsControl(c)
        || char.IsSurrogate(c)
        || c is '\u200B' or '\u200C' or '\u200D' or '\u200E' or '\u200F' or '\u061C' or '\u2028' or '\u2029' or '\uFEFF'
        || c is >= '\u202A' and <= '\u202E'
        || c is >= '\u2066' and <= '\u2069';

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
