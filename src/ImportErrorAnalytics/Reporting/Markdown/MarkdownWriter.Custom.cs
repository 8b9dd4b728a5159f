using System.Text;
using System.Text.Json;
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
        foreach (var (name, result) in report.Custom.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            var json = CustomJson(result);
            var fence = new string('`', Math.Max(3, LongestRun(json, '`') + 1));
            Line($"### {Code(name)}");
            Line();
            Line(fence + "json");
            Line(json);
            Line(fence);
            Line();
        }
    }

    private static string CustomJson(CustomAggregatorResult result)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            result.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray()).ReplaceLineEndings("\n");
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
