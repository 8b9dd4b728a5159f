using System.Globalization;
using System.Text;

namespace ImportErrorAnalytics.Escaping;

/// <summary>
/// Text that came from outside (HubSpot's answers, input files and their names, snapshots, checkpoints, user code)
/// made safe to put on a terminal or into a log: on one line, with nothing that can start a line, move the cursor,
/// colour the terminal or reorder the text around it. Names are quoted so the reader sees where they start and end;
/// free text at the end of a message is escaped in place.
/// </summary>
/// <remarks>
/// Every control character (so ESC, and with it every ANSI escape sequence), line break (CR, LF, NEL, U+2028,
/// U+2029), bidirectional override and other invisible code point is written as an escape (<see cref="EscapedText"/>):
/// after it, no text of the input can stand at the start of a line, so a GitHub Actions workflow command
/// (<c>::error::</c>) hidden in an import name never runs.
/// </remarks>
internal static class UntrustedText
{
    /// <summary>Characters of a name shown before it is cut (the quoted form also says the full length).</summary>
    public const int MaxQuotedLength = 1_000;

    /// <summary>
    /// The text in single quotes, with backslashes, quotes and every invisible code point escaped (<c>'a\nb'</c>),
    /// cut after <see cref="MaxQuotedLength"/> characters; <c>(none)</c> for <see langword="null"/>.
    /// </summary>
    public static string Quote(string? text)
    {
        if (text is null)
        {
            return "(none)";
        }

        var shown = text.AsSpan();
        if (shown.Length > MaxQuotedLength)
        {
            shown = shown[..(char.IsHighSurrogate(shown[MaxQuotedLength - 1]) ? MaxQuotedLength - 1 : MaxQuotedLength)];
        }

        var builder = new StringBuilder(shown.Length + 2);
        builder.Append('\'');
        EscapedText.Append(builder, shown, escapeBackslash: true, quote: '\'');
        builder.Append('\'');
        if (shown.Length < text.Length)
        {
            builder.Append(CultureInfo.InvariantCulture, $"… ({text.Length:N0} characters)");
        }

        return builder.ToString();
    }

    /// <summary>
    /// The text with every line break and invisible code point escaped and everything else as it is (backslashes and
    /// quotes too): for free text ending a message, and for whole lines made of trusted words and quoted names.
    /// </summary>
    public static string OneLine(string? text) => text is null ? "" : EscapedText.Escape(text, escapeBackslash: false);
}
