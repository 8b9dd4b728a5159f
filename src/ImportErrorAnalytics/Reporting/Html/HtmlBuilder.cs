using System.Diagnostics;
using System.Text;

namespace ImportErrorAnalytics.Reporting.Html;

/// <summary>
/// Writes HTML whose every element and attribute name is a constant of ours: text and attribute values always pass
/// through <see cref="HtmlText"/>, so nothing from the data can become markup, a URL, a style or a script.
/// </summary>
internal sealed class HtmlBuilder
{
    private readonly StringBuilder _text = new();

    public int Length => _text.Length;

    /// <summary>Opens <paramref name="tag"/> with attribute values that are encoded here (untrusted values must already be visible-escaped: see <see cref="Attr"/>).</summary>
    public HtmlBuilder Open(string tag, params ReadOnlySpan<(string Name, string? Value)> attributes)
    {
        AssertName(tag);
        _text.Append('<').Append(tag);
        foreach (var (name, value) in attributes)
        {
            if (value is null)
            {
                continue;
            }

            AssertName(name);
            _text.Append(' ').Append(name);
            if (value.Length > 0)
            {
                _text.Append("=\"").Append(HtmlText.Own(value)).Append('"');
            }
        }

        _text.Append('>');
        return this;
    }

    /// <summary>An element with no content and no end tag of its own (<c>meta</c>) or closed at once (SVG shapes).</summary>
    public HtmlBuilder Empty(string tag, params ReadOnlySpan<(string Name, string? Value)> attributes)
    {
        Open(tag, attributes);
        return Close(tag);
    }

    public HtmlBuilder Close(string tag)
    {
        AssertName(tag);
        _text.Append("</").Append(tag).Append('>');
        return this;
    }

    /// <summary>Untrusted text, shown with its invisible code points escaped.</summary>
    public HtmlBuilder Text(string value)
    {
        _text.Append(HtmlText.Untrusted(value));
        return this;
    }

    /// <summary>A line of JSON our writer made from untrusted data (<see cref="HtmlText.Json"/>).</summary>
    public HtmlBuilder Json(string line)
    {
        _text.Append(HtmlText.Json(line));
        return this;
    }

    /// <summary>Text of ours.</summary>
    public HtmlBuilder Own(string value)
    {
        _text.Append(HtmlText.Own(value));
        return this;
    }

    /// <summary>An element holding text of ours.</summary>
    public HtmlBuilder Element(string tag, string ownText, params ReadOnlySpan<(string Name, string? Value)> attributes)
    {
        Open(tag, attributes);
        Own(ownText);
        return Close(tag);
    }

    /// <summary>
    /// An untrusted name or value: in <c>code</c>; <c>(none)</c> and <c>(empty)</c> in <c>em</c>, so they never look like
    /// a value spelled that way.
    /// </summary>
    public HtmlBuilder Code(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return Element("em", value is null ? "(none)" : "(empty)");
        }

        Open("code");
        Text(value);
        return Close("code");
    }

    /// <summary>Our own markup written verbatim: only for the constant style sheet and script.</summary>
    public HtmlBuilder Constant(string markup)
    {
        _text.Append(markup);
        return this;
    }

    /// <summary>
    /// An untrusted value for an attribute (<c>data-label</c>): visible-escaped here, encoded by <see cref="Open"/>. The
    /// colon of a leading URL scheme (<c>javascript:</c>) is escaped too (<c>\u003A</c>, unambiguous since backslashes
    /// are doubled), so no attribute value of the page ever reads as a URL, whatever attribute a later change puts it in.
    /// </summary>
    public static string Attr(string? value)
    {
        if (value is null)
        {
            return "(none)";
        }

        var visible = HtmlText.VisibleCut(value, HtmlText.MaxChars);
        var start = 0;
        while (start < visible.Length && visible[start] == ' ')
        {
            start++;
        }

        var scheme = start;
        while (scheme < visible.Length && (char.IsAsciiLetterOrDigit(visible[scheme]) || visible[scheme] is '+' or '-' or '.'))
        {
            scheme++;
        }

        return scheme > start && scheme < visible.Length && visible[scheme] == ':' ? string.Concat(visible.AsSpan(0, scheme), "\\u003A", visible.AsSpan(scheme + 1)) : visible;
    }

    public override string ToString() => _text.ToString();

    [Conditional("DEBUG")]
    private static void AssertName(string name) =>
        Debug.Assert(name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'), "element and attribute names are constants of ours");
}
