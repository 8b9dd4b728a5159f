using System.Globalization;
using System.Text;
using static ImportErrorAnalytics.Reporting.Markdown.MarkdownText;

namespace ImportErrorAnalytics.Comparison;

/// <summary>
/// Writes a <see cref="ReportDiff"/> as Markdown: a summary, a Mermaid chart of the largest changes, a table per part
/// with arrows, and what was not compared. Every name and value from the data goes through <c>MarkdownText</c> (code
/// spans with visible escapes; plain chart labels).
/// </summary>
internal sealed class DiffMarkdownWriter
{
    /// <summary>Rows shown per table; the rest are counted in one line.</summary>
    internal const int MaxRows = 50;

    /// <summary>
    /// Characters of a name or value shown in a cell; longer ones are cut (and end in <c>…</c>), so the diff's size is
    /// bounded by its rows whatever the reports hold (a report read from a file may hold names of any length).
    /// </summary>
    internal const int MaxShownLength = 200;

    private const int ChartBars = 10;

    private readonly StringBuilder _text = new();

    private DiffMarkdownWriter()
    {
    }

    public static string Write(ReportDiff diff)
    {
        var writer = new DiffMarkdownWriter();
        writer.Summary(diff);
        writer.Chart(diff);
        writer.Table("Error types", "Error type", diff.ErrorTypes, "error types");
        writer.Table("Columns", "Column", diff.Columns, "columns", withProperty: true);
        writer.Table("Object types", "Object type", diff.ObjectTypes, "object types");
        writer.Table("Files", "File", diff.Files, "files");
        writer.TopValues(diff);
        writer.NotCompared(diff);
        return writer._text.ToString();
    }

    private void Summary(ReportDiff diff)
    {
        Line("# Import errors: before and after");
        Line();
        Line($"**Errors:** {Number(diff.ErrorsBefore)} → {Number(diff.ErrorsAfter)} ({Change(diff.ErrorsChange)}{Relative(diff.ErrorsBefore, diff.ErrorsAfter)})");
        if (diff.ErrorRateBefore is { } rateBefore && diff.ErrorRateAfter is { } rateAfter)
        {
            var arrow = rateAfter > rateBefore ? "▲" : rateAfter < rateBefore ? "▼" : "=";
            Line();
            Line($"**Error rate:** {Rate(rateBefore)} → {Rate(rateAfter)} ({arrow})");
        }

        Line();
        if (!diff.HasChanges)
        {
            Line("Nothing compared changed.");
            Line();
        }
    }

    private void Chart(ReportDiff diff)
    {
        var bars = diff.ErrorTypes.Take(ChartBars).ToList();
        if (bars.Count == 0)
        {
            return;
        }

        Line("```mermaid");
        Line("xychart-beta");
        Line("    title \"Errors by type: before, after\"");
        Line("    x-axis [" + string.Join(", ", bars.Select(row => "\"" + ChartLabel(row.Other ? "other types" : row.Key, 24) + "\"")) + "]");
        Line("    y-axis \"Errors\"");
        Line("    bar [" + string.Join(", ", bars.Select(row => row.Before.ToString(CultureInfo.InvariantCulture))) + "]");
        Line("    bar [" + string.Join(", ", bars.Select(row => row.After.ToString(CultureInfo.InvariantCulture))) + "]");
        Line("```");
        Line();
    }

    private void Table(string heading, string keyHeading, IReadOnlyList<CountChange> rows, string what, bool withProperty = false)
    {
        if (rows.Count == 0)
        {
            return;
        }

        Line($"## {heading}");
        Line();
        Line(withProperty ? $"| {keyHeading} | Property | Before | After | Change |" : $"| {keyHeading} | Before | After | Change |");
        Line(withProperty ? "|---|---|--:|--:|---|" : "|---|--:|--:|---|");
        foreach (var row in rows.Take(MaxRows))
        {
            var key = row.Other ? $"*(other {what})*" : Shown(row.Key);
            var change = Change(row.Change) + row.Kind switch
            {
                ChangeKind.New => " *(new)*",
                ChangeKind.Gone => " *(gone)*",
                _ => "",
            };
            Line(withProperty
                ? $"| {key} | {Shown(row.Property)} | {Number(row.Before)} | {Number(row.After)} | {change} |"
                : $"| {key} | {Number(row.Before)} | {Number(row.After)} | {change} |");
        }

        More(rows.Count, what);
        Line();
    }

    private void TopValues(ReportDiff diff)
    {
        if (diff.TopValues.Count == 0)
        {
            return;
        }

        Line("## Top values that appeared or disappeared");
        Line();
        Line("| Column | Property | Value | | Errors |");
        Line("|--:|---|---|---|--:|");
        foreach (var value in diff.TopValues.Take(MaxRows))
        {
            var column = value.Other ? "*(other columns)*" : value.Column?.ToString(CultureInfo.InvariantCulture) ?? "*(unknown)*";
            var kind = (value.Kind == ChangeKind.New ? "▲ appeared" : "▼ disappeared") + (value.Certain ? "" : " *(from the list)*");
            Line($"| {column} | {Shown(value.Property)} | {Shown(value.Value)} | {kind} | {Number(value.Count)} |");
        }

        More(diff.TopValues.Count, "values");
        Line();
    }

    private void NotCompared(ReportDiff diff)
    {
        if (diff.NotCompared.Count == 0)
        {
            return;
        }

        Line("## Not compared");
        Line();
        foreach (var note in diff.NotCompared)
        {
            // The notes are the library's own sentences (settings are numbers), never text from the data.
            Line($"- `{note.Part}`: {note.Reason}");
        }

        Line();
    }

    private void More(int count, string what)
    {
        if (count > MaxRows)
        {
            Line();
            Line($"*… and {Number(count - MaxRows)} more {what}.*");
        }
    }

    /// <summary>A code span of at most <see cref="MaxShownLength"/> characters of the text (never half a surrogate pair).</summary>
    private static string Shown(string? text)
    {
        if (text is null || text.Length <= MaxShownLength)
        {
            return Code(text);
        }

        var end = char.IsHighSurrogate(text[MaxShownLength - 1]) ? MaxShownLength - 1 : MaxShownLength;
        return Code(text[..end]) + "…";
    }

    private static string Change(long change) =>
        change > 0 ? "▲ +" + Number(change) : change < 0 ? "▼ −" + Number(-change) : "=";

    private static string Relative(long before, long after) =>
        before == 0 || before == after ? "" : ", " + ((double)(after - before) / before).ToString("+0.0%;−0.0%", CultureInfo.InvariantCulture);

    private static string Rate(double rate) => rate.ToString("P2", CultureInfo.InvariantCulture);

    private void Line(string text = "") => _text.Append(text).Append('\n');
}
