using System.Globalization;

namespace ImportErrorAnalytics.Reporting.Html;

/// <summary>
/// Inline SVG charts drawn by our code: every shape's geometry in <c>x</c>/<c>y</c>/<c>width</c>/<c>height</c>
/// attributes (no <c>style</c>, which the policy forbids), colours from classes, labels as text nodes and encoded
/// attribute values. A chart is an image to assistive technology (<c>role="img"</c>, an <c>aria-label</c> and a
/// <c>title</c>); the table beside it holds the same numbers as text.
/// </summary>
internal static class SvgChart
{
    private const int Width = 720;
    private const int LabelWidth = 260;
    private const int BarArea = 380;
    private const int RowHeight = 20;
    private const int LabelChars = 32;

    /// <summary>A horizontal bar chart; bars that share a row (before, after) are drawn in one row's height.</summary>
    public static void Bars(HtmlBuilder html, string kind, string title, IReadOnlyList<ChartBar> bars, int barsPerRow = 1)
    {
        var rows = (bars.Count + barsPerRow - 1) / barsPerRow;
        var height = Math.Max(1, rows) * RowHeight + 10;
        var max = Math.Max(1, bars.Count == 0 ? 1 : bars.Max(bar => bar.Value));
        Open(html, kind, title + ": the table below gives the numbers", height);
        html.Element("title", title);
        var thickness = (RowHeight - 6) / (double)barsPerRow;
        for (var i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            var row = i / barsPerRow;
            var top = 5 + row * RowHeight;
            if (i % barsPerRow == 0)
            {
                html.Open("text", ("x", "0"), ("y", HtmlText.Geometry(top + 13)));
                html.Own(HtmlText.VisibleCut(bar.Label, LabelChars)).Close("text");
            }

            // A count of 0 draws no bar (its label and number stay); any other count at least a pixel, to be seen.
            var width = bar.Value == 0 ? 0 : Math.Max(1, bar.Value * (double)BarArea / max);
            var y = top + 3 + (i % barsPerRow) * thickness;
            html.Open(
                "rect",
                ("class", bar.Class is null ? "iea-bar" : "iea-bar " + bar.Class),
                ("x", HtmlText.Geometry(LabelWidth)),
                ("y", HtmlText.Geometry(y)),
                ("width", HtmlText.Geometry(width)),
                ("height", HtmlText.Geometry(thickness)),
                ("data-label", HtmlBuilder.Attr(bar.Label)),
                ("data-value", HtmlText.Raw(bar.Value)));
            html.Open("title").Text(bar.Label).Own((bar.Note is null ? "" : " " + bar.Note) + ": " + ReportLabels.Number(bar.Value)).Close("title");
            html.Close("rect");
            if (barsPerRow == 1)
            {
                html.Open("text", ("x", HtmlText.Geometry(LabelWidth + width + 6)), ("y", HtmlText.Geometry(top + 13)));
                html.Own(ReportLabels.Number(bar.Value)).Close("text");
            }
        }

        html.Close("svg");
    }

    /// <summary>
    /// The blocks of failing rows of one file along its rows (1 to the last row of the blocks shown): one bar per block, as wide as
    /// the rows it spans (at least one pixel).
    /// </summary>
    public static void Lines(HtmlBuilder html, string title, IReadOnlyList<LineCluster> blocks)
    {
        const int Left = 10;
        const int Axis = Width - 20;
        var last = Math.Max(1, blocks.Count == 0 ? 1 : blocks.Max(block => block.LastLine));
        Open(html, "lines", title + ": the table below lists the blocks", 64);
        html.Element("title", title);
        html.Empty("rect", ("class", "iea-axis"), ("x", HtmlText.Geometry(Left)), ("y", "29"), ("width", HtmlText.Geometry(Axis)), ("height", "2"));
        foreach (var block in blocks)
        {
            var x = Left + (Math.Max(1, block.FirstLine) - 1) * (double)Axis / last;
            var width = Math.Max(1, (block.LastLine - Math.Max(1, block.FirstLine) + 1) * (double)Axis / last);
            var label = string.Create(CultureInfo.InvariantCulture, $"rows {block.FirstLine}-{block.LastLine}");
            html.Open(
                "rect",
                ("class", "iea-bar iea-block"),
                ("x", HtmlText.Geometry(x)),
                ("y", "14"),
                ("width", HtmlText.Geometry(width)),
                ("height", "32"),
                ("data-label", label),
                ("data-value", HtmlText.Raw(block.Errors)),
                ("data-first", HtmlText.Raw(block.FirstLine)),
                ("data-last", HtmlText.Raw(block.LastLine)));
            html.Element("title", $"rows {ReportLabels.Number(block.FirstLine)}-{ReportLabels.Number(block.LastLine)}: {ReportLabels.Number(block.Errors)} errors on {ReportLabels.Number(block.Lines)} rows");
            html.Close("rect");
        }

        html.Element("text", "row 1", ("x", HtmlText.Geometry(Left)), ("y", "60"));
        html.Element("text", "row " + ReportLabels.Number(last), ("class", "iea-end"), ("x", HtmlText.Geometry(Left + Axis)), ("y", "60"));
        html.Close("svg");
    }

    private static void Open(HtmlBuilder html, string kind, string label, int height) => html.Open(
        "svg",
        ("class", "iea-chart"),
        ("data-chart", kind),
        ("role", "img"),
        ("aria-label", label),
        ("viewBox", string.Create(CultureInfo.InvariantCulture, $"0 0 {Width} {height}")),
        ("width", HtmlText.Raw(Width)),
        ("height", HtmlText.Raw(height)));
}
