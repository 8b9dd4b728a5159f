using System.Security.Cryptography;
using System.Text;

namespace ImportErrorAnalytics.Reporting.Html;

/// <summary>
/// The page's only style sheet and only script: constant text of ours, allowed by the Content-Security-Policy through
/// their SHA-256 hashes (computed here from the exact UTF-8 bytes written between the tags), so no other style or
/// script can run, whatever the data holds.
/// </summary>
internal static class HtmlAssets
{
    // Both texts end their lines with LF whatever the checkout's line endings: a browser hashes the text as its parser
    // reads it, and the HTML parser turns CRLF into LF, so a hash over CRLF would block the page's own style and script.

    /// <summary>The page's style sheet.</summary>
    public static readonly string Style = """
:root{color-scheme:light dark;--fg:#1f2328;--bg:#ffffff;--muted:#59636e;--line:#d1d9e0;--head:#f6f8fa;--bar:#0969da;--after:#9a6700;--block:#cf222e;--axis:#afb8c1}
@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--bg:#0d1117;--muted:#9198a1;--line:#3d444d;--head:#151b23;--bar:#4493f8;--after:#d29922;--block:#f85149;--axis:#656c76}}
body{margin:0 auto;max-width:72rem;padding:1rem 1.5rem;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
h1{font-size:1.6rem;margin:.5rem 0 1rem}
h2{font-size:1.3rem;margin-top:2rem;padding-bottom:.2rem;border-bottom:1px solid var(--line)}
h3{font-size:1.05rem;margin-top:1.25rem}
code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.9em;overflow-wrap:anywhere}
pre{padding:.5rem;border:1px solid var(--line);white-space:pre-wrap;overflow-x:auto}
a{color:var(--bar)}
dl.iea-summary{display:grid;grid-template-columns:max-content auto;gap:.2rem 1rem}
dl.iea-summary dt{font-weight:600}
dl.iea-summary dd{margin:0}
table{border-collapse:collapse;margin:.25rem 0 1rem;max-width:100%}
caption{caption-side:top;text-align:left;font-weight:600;padding:.25rem 0}
th,td{border:1px solid var(--line);padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:var(--head)}
th.num,td.num{text-align:right;font-variant-numeric:tabular-nums}
.iea-sort{font:inherit;font-weight:600;color:inherit;background:none;border:0;padding:0;cursor:pointer;text-align:inherit}
.iea-sort:focus-visible,.iea-filter:focus-visible,a:focus-visible{outline:2px solid var(--bar);outline-offset:2px}
th[aria-sort=ascending] .iea-sort::after{content:" \25B2"}
th[aria-sort=descending] .iea-sort::after{content:" \25BC"}
.iea-filter{display:block;margin:.5rem 0 .25rem;padding:.2rem .4rem;font:inherit;color:inherit;background:var(--bg);border:1px solid var(--line)}
.iea-chart{display:block;width:100%;max-width:46rem;height:auto;margin:.5rem 0}
.iea-chart text{fill:var(--fg);font-size:12px}
.iea-chart .iea-end{text-anchor:end}
.iea-bar{fill:var(--bar)}
.iea-before{fill:var(--bar)}
.iea-after{fill:var(--after)}
.iea-block{fill:var(--block)}
.iea-axis{fill:var(--axis)}
.iea-more,.iea-note{color:var(--muted);font-style:italic}
.iea-warning{border-left:4px solid var(--after);padding-left:.5rem}
@media print{:root{--fg:#000;--bg:#fff;--muted:#333;--line:#999;--head:#eee;--bar:#333;--after:#888;--block:#000;--axis:#999}body{max-width:none;padding:0;font-size:10pt}.iea-filter{display:none}th[aria-sort] .iea-sort::after{content:none}tr,svg,dl{break-inside:avoid}h2,h3{break-after:avoid}a{color:inherit;text-decoration:none}}
""".ReplaceLineEndings("\n");

    /// <summary>The page's script: sort buttons and filter boxes for the data tables.</summary>
    public static readonly string Script = """
(function () {
  'use strict';
  function compare(a, b) {
    var x = a.getAttribute('data-sort-value');
    var y = b.getAttribute('data-sort-value');
    if (x !== null && y !== null) { return Number(x) - Number(y); }
    if (x !== null) { return -1; }
    if (y !== null) { return 1; }
    return a.textContent.localeCompare(b.textContent);
  }
  function sortable(heads, body, index) {
    var th = heads[index];
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'iea-sort';
    while (th.firstChild) { button.appendChild(th.firstChild); }
    th.appendChild(button);
    button.addEventListener('click', function () {
      var ascending = th.getAttribute('aria-sort') !== 'ascending';
      for (var h = 0; h < heads.length; h++) { heads[h].removeAttribute('aria-sort'); }
      th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var c = compare(a.cells[index], b.cells[index]);
        return ascending ? c : -c;
      });
      for (var r = 0; r < rows.length; r++) { body.appendChild(rows[r]); }
    });
  }
  function filterable(table, body) {
    var input = document.createElement('input');
    input.type = 'search';
    input.className = 'iea-filter';
    input.placeholder = 'Filter rows';
    input.setAttribute('aria-label', 'Filter rows of the table: ' + (table.caption ? table.caption.textContent : ''));
    input.addEventListener('input', function () {
      var needle = input.value.toLowerCase();
      for (var r = 0; r < body.rows.length; r++) {
        var row = body.rows[r];
        row.hidden = needle !== '' && row.textContent.toLowerCase().indexOf(needle) < 0;
      }
    });
    table.parentNode.insertBefore(input, table);
  }
  var tables = document.querySelectorAll('table.iea-table[data-sortable]');
  for (var t = 0; t < tables.length; t++) {
    var table = tables[t];
    var body = table.tBodies[0];
    if (!body || !table.tHead) { continue; }
    var heads = table.tHead.rows[0].cells;
    for (var i = 0; i < heads.length; i++) { sortable(heads, body, i); }
    filterable(table, body);
  }
}());
""".ReplaceLineEndings("\n");

    /// <summary>The base64 SHA-256 of <see cref="Style"/>'s UTF-8 bytes, as the policy names it.</summary>
    public static readonly string StyleHash = Hash(Style);

    /// <summary>The base64 SHA-256 of <see cref="Script"/>'s UTF-8 bytes.</summary>
    public static readonly string ScriptHash = Hash(Script);

    /// <summary>
    /// The policy: nothing may load or run but the page's own style and script; no images, fonts, frames, forms or
    /// connections, and no base URL.
    /// </summary>
    public static readonly string ContentSecurityPolicy =
        $"default-src 'none'; style-src 'sha256-{StyleHash}'; script-src 'sha256-{ScriptHash}'; base-uri 'none'; form-action 'none'";

    private static string Hash(string text) => Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
