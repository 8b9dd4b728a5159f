using System.Diagnostics;

namespace ImportErrorAnalytics.Reporting.Html;

/// <summary>
/// A data table with the hooks docs/html-report.md promises: <c>class="iea-table" data-sortable</c>, a caption, one
/// header row of <c>th scope="col"</c>, and a body whose every row has the header's number of cells.
/// </summary>
internal sealed class HtmlTable
{
    private readonly HtmlBuilder _html;
    private readonly HtmlColumn[] _columns;

    private HtmlTable(HtmlBuilder html, HtmlColumn[] columns)
    {
        _html = html;
        _columns = columns;
    }

    /// <summary>Opens a table; <paramref name="caption"/> is text of ours, <paramref name="captionCode"/> an untrusted name after it.</summary>
    public static HtmlTable Begin(HtmlBuilder html, string caption, HtmlColumn[] columns, string? captionCode = null, bool withCode = false)
    {
        html.Open("table", ("class", "iea-table"), ("data-sortable", ""));
        html.Open("caption").Own(caption);
        if (withCode)
        {
            html.Own(" ").Code(captionCode);
        }

        html.Close("caption");
        html.Open("thead").Open("tr");
        foreach (var column in columns)
        {
            html.Element("th", column.Heading, ("scope", "col"), ("class", column.Numeric ? "num" : null));
        }

        html.Close("tr").Close("thead").Open("tbody");
        return new HtmlTable(html, columns);
    }

    public void Row(params HtmlCell[] cells)
    {
        Debug.Assert(cells.Length == _columns.Length, "every row has the header's cell count");
        _html.Open("tr");
        for (var i = 0; i < _columns.Length; i++)
        {
            var cell = i < cells.Length ? cells[i] : HtmlCell.Own("");
            _html.Open("td", ("class", _columns[i].Numeric ? "num" : null), ("data-sort-value", cell.SortValue));
            cell.Write(_html);
            _html.Close("td");
        }

        _html.Close("tr");
    }

    public void End() => _html.Close("tbody").Close("table");
}
