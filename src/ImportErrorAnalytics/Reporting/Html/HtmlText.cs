using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using ImportErrorAnalytics.Escaping;

namespace ImportErrorAnalytics.Reporting.Html;

/// <summary>
/// Puts text into HTML so that it stays text: first every invisible, bidirectional, control and unpaired-surrogate code
/// point is shown as a visible escape exactly as the Markdown report shows it (<see cref="EscapedText"/>, backslashes
/// doubled), then <see cref="HtmlEncoder"/> encodes what HTML gives meaning to (<c>&lt; &gt; &amp; " '</c> and more).
/// The result is safe in a text node and in a quoted attribute value.
/// </summary>
internal static class HtmlText
{
    /// <summary>Keeps letters of every script readable (the page is UTF-8) while encoding all HTML syntax.</summary>
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>The most characters of one untrusted string the page shows (<see cref="ReportLabels.MaxShownChars"/>).</summary>
    public const int MaxChars = ReportLabels.MaxShownChars;

    /// <summary>Untrusted text, visible-escaped, cut to <see cref="MaxChars"/> and encoded.</summary>
    public static string Untrusted(string value) => Encoder.Encode(VisibleCut(value, MaxChars));

    /// <summary>
    /// JSON our own writer produced from untrusted data (a custom result): already printable ASCII with its escapes
    /// visible, so its backslashes are not doubled; anything invisible would still be escaped, then it is encoded.
    /// </summary>
    public static string Json(string line) => Encoder.Encode(EscapedText.Escape(line, escapeBackslash: false));

    /// <summary>Text of ours (sentences, numbers): encoded all the same, so a sentence never has to be checked by eye.</summary>
    public static string Own(string value) => Encoder.Encode(value);

    /// <summary>
    /// Untrusted text as shown, cut to <paramref name="maxChars"/> characters of its visible form (never between the two
    /// halves of a surrogate pair), with <c>…</c> when cut; not yet encoded.
    /// </summary>
    public static string VisibleCut(string value, int maxChars) => ReportLabels.Shown(value, maxChars);

    /// <summary>A number for an attribute (<c>data-sort-value</c>, SVG geometry): invariant, no grouping.</summary>
    public static string Raw(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A fraction for an attribute: invariant, round-trippable.</summary>
    public static string Raw(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>SVG geometry: at most two decimals.</summary>
    public static string Geometry(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
