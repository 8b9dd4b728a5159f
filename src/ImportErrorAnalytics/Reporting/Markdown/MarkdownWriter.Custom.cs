using static ImportErrorAnalytics.Reporting.Markdown.MarkdownText;

namespace ImportErrorAnalytics.Reporting.Markdown;

internal sealed partial class MarkdownWriter
{
    /// <summary>Each custom aggregator's result as JSON in a fenced block (the JSON comes from user code: the fence outruns it).</summary>
    private void CustomAggregators()
    {
        if (report.Custom.Count == 0)
        {
            return;
        }

        Line("## Custom aggregators");
        Line();
        foreach (var (name, _) in report.Custom.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            var json = string.Join('\n', custom[name]);
            var fence = new string('`', Math.Max(3, LongestRun(json, '`') + 1));
            Line($"### {Code(name)}");
            Line();
            Line(fence + "json");
            Line(json);
            Line(fence);
            Line();
        }
    }

    /// <summary>The longest run of <paramref name="c"/> in <paramref name="text"/>.</summary>
    internal static int LongestRun(string text, char c)
    {
        int longest = 0, run = 0;
        foreach (var ch in text)
        {
            run = ch == c ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        return longest;
    }
}
