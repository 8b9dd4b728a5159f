using System.Text;

namespace ImportErrorAnalytics.Reporting.Html;

/// <summary>
/// A page as its parts (head, sections, tail), so that the last resort of the size budget can cut between two sections
/// and the page stays well-formed.
/// </summary>
internal sealed class HtmlPage(string title, IReadOnlyList<HtmlSection> sections)
{
    public IReadOnlyList<HtmlSection> Sections => sections;

    public int ByteCount => Encoding.UTF8.GetByteCount(Head()) + sections.Sum(section => Encoding.UTF8.GetByteCount(section.Markup)) + Encoding.UTF8.GetByteCount(Tail);

    /// <summary>The end of the page: the script runs last, when every table is there.</summary>
    private static readonly string Tail = new HtmlBuilder()
        .Close("main").Constant("\n")
        .Open("script").Constant(HtmlAssets.Script).Close("script").Constant("\n")
        .Close("body").Constant("\n").Close("html").Constant("\n")
        .ToString();

    /// <summary>The whole page when it fits <paramref name="maxBytes"/>; else the sections that fit, in order, and a note naming the others.</summary>
    public string Write(int maxBytes)
    {
        var head = Head();
        var text = new StringBuilder(head);
        var used = Encoding.UTF8.GetByteCount(head) + Encoding.UTF8.GetByteCount(Tail);
        if (used + sections.Sum(section => Encoding.UTF8.GetByteCount(section.Markup)) <= maxBytes)
        {
            foreach (var section in sections)
            {
                text.Append(section.Markup);
            }

            return text.Append(Tail).ToString();
        }

        // The note names only our own section names: its size is bounded by them. A section that does not fit is left
        // out and the next ones still tried, in order, so one huge section does not take the smaller ones after it.
        var noteBudget = Encoding.UTF8.GetByteCount(CutNote(sections.Select(section => section.Name)));
        var cut = new List<string>();
        foreach (var section in sections)
        {
            var size = Encoding.UTF8.GetByteCount(section.Markup);
            if (used + size + noteBudget > maxBytes)
            {
                cut.Add(section.Name);
                continue;
            }

            text.Append(section.Markup);
            used += size;
        }

        text.Append(CutNote(cut));
        return text.Append(Tail).ToString();
    }

    internal static string CutNote(IEnumerable<string> names)
    {
        var html = new HtmlBuilder();
        html.Open("section", ("id", "cut")).Element("h2", "Cut to fit");
        html.Element(
            "p",
            "To keep this page within its size budget, these sections were cut (the JSON report is complete): " + string.Join(", ", names) + ".",
            ("class", "iea-note"));
        html.Close("section").Constant("\n");
        return html.ToString();
    }

    private string Head()
    {
        var html = new HtmlBuilder();
        html.Constant("<!DOCTYPE html>\n");
        html.Open("html", ("lang", "en")).Constant("\n").Open("head").Constant("\n");
        html.Open("meta", ("charset", "utf-8"));
        html.Open("meta", ("http-equiv", "Content-Security-Policy"), ("content", HtmlAssets.ContentSecurityPolicy));
        html.Open("meta", ("name", "viewport"), ("content", "width=device-width, initial-scale=1"));
        html.Open("meta", ("name", "color-scheme"), ("content", "light dark"));
        html.Open("meta", ("name", "generator"), ("content", "ImportErrorAnalytics"));
        html.Constant("\n").Open("title").Own(title).Close("title").Constant("\n");
        html.Open("style").Constant(HtmlAssets.Style).Close("style").Constant("\n");
        html.Close("head").Constant("\n").Open("body").Constant("\n").Open("main").Constant("\n");
        return html.ToString();
    }
}
