namespace ImportErrorAnalytics.Browser.Tests.Support;

/// <summary>What the tests read off a live page, as expressions evaluated in it (never put into the page itself).</summary>
internal static class PageScripts
{
    /// <summary>Every <c>table</c>: caption, header rows, header cell count and scopes, and each body row's cell count.</summary>
    public const string TableShapes = """
        [...document.querySelectorAll('table')].map(t => ({
          caption: t.caption ? t.caption.textContent.trim() : '',
          headerRows: t.tHead ? t.tHead.rows.length : 0,
          columns: t.tHead && t.tHead.rows.length ? [...t.tHead.rows[0].cells].reduce((n, c) => n + c.colSpan, 0) : 0,
          headerScopes: t.tHead && t.tHead.rows.length ? [...t.tHead.rows[0].cells].map(c => c.tagName === 'TH' ? c.getAttribute('scope') : 'td') : [],
          rowCells: [...t.tBodies].flatMap(b => [...b.rows]).map(r => [...r.cells].reduce((n, c) => n + c.colSpan, 0))
        }))
        """;

    /// <summary>The bars of the chart <paramref name="chart"/> with their data, title and drawn size.</summary>
    public static string Bars(string chart) => $$"""
        [...document.querySelectorAll('svg.iea-chart[data-chart="{{chart}}"] rect.iea-bar')].map(r => ({
          label: r.getAttribute('data-label'),
          value: Number(r.getAttribute('data-value')),
          title: (r.querySelector('title') || r.parentElement.querySelector('title') || { textContent: '' }).textContent,
          width: r.getBoundingClientRect().width,
          height: r.getBoundingClientRect().height
        }))
        """;

    /// <summary>The text of column <paramref name="column"/> in the body rows of <paramref name="table"/>.</summary>
    public static string ColumnTexts(string table, int column) =>
        $"[...document.querySelectorAll('{table} tbody tr')].map(r => r.cells[{column}].textContent.trim())";

    /// <summary>The sort values of column <paramref name="column"/> (its <c>data-sort-value</c>) in the body rows of <paramref name="table"/>.</summary>
    public static string SortValues(string table, int column) =>
        $"[...document.querySelectorAll('{table} tbody tr')].map(r => Number(r.cells[{column}].getAttribute('data-sort-value')))";

    /// <summary>
    /// Every element's name and every attribute's name and value, after the page's own script has run, with the
    /// text of every <c>script</c> and <c>style</c> element.
    /// </summary>
    public const string Vocabulary = """
        [...document.querySelectorAll('*')].map(e => ({
          name: e.tagName.toLowerCase(),
          attributes: [...e.attributes].map(a => ({ name: a.name, value: a.value }))
        }))
        """;
}

/// <summary>A table as <see cref="PageScripts.TableShapes"/> reads it.</summary>
public sealed record TableShape(string Caption, int HeaderRows, int Columns, string[] HeaderScopes, int[] RowCells);

/// <summary>A bar as <see cref="PageScripts.Bars"/> reads it.</summary>
public sealed record BarShape(string? Label, long Value, string Title, double Width, double Height);

/// <summary>An element as <see cref="PageScripts.Vocabulary"/> reads it.</summary>
public sealed record ElementShape(string Name, AttributeShape[] Attributes);

/// <summary>An attribute of an <see cref="ElementShape"/>.</summary>
public sealed record AttributeShape(string Name, string Value);
