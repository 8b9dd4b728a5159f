using System.Text;
using System.Text.Json;

namespace ImportErrorAnalytics.Reporting;

/// <summary>
/// Each custom aggregator's result as the lines of its indented JSON for the reports for people (Markdown, HTML):
/// written once per report however many times its size budget renders it, and cut at <see cref="MaxBytes"/> (the JSON
/// report keeps it whole).
/// </summary>
internal static class CustomResultText
{
    /// <summary>The most UTF-8 bytes of one result's JSON the page shows.</summary>
    public const int MaxBytes = 64 * 1024;

    public static IReadOnlyDictionary<string, string[]> Of(ImportErrorReport report)
    {
        var texts = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (name, result) in report.Custom)
        {
            texts[name] = Lines(result);
        }

        return texts;
    }

    private static string[] Lines(CustomAggregatorResult result)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            result.WriteTo(writer);
        }

        // A cut inside a character (a result written with a relaxed encoder) shows as U+FFFD, never as a broken byte.
        var cut = buffer.Length > MaxBytes;
        var json = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)Math.Min(buffer.Length, MaxBytes)).ReplaceLineEndings("\n");
        var lines = json.Split('\n');
        return cut ? [.. lines, $"… cut at {MaxBytes / 1024} KiB here; the JSON report holds the whole result."] : lines;
    }
}
