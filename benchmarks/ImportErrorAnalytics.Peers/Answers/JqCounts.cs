using System.Globalization;

namespace ImportErrorAnalytics.Peers.Answers;

/// <summary>
/// The error-type counts of <c>jq -r '.results[].errorType' DIR/*.json | sort | uniq -c</c>: lines of a count and a
/// type. jq prints a missing or null <c>errorType</c> as <c>null</c>, so that line counts iea's null key.
/// </summary>
public static class JqCounts
{
    public static List<KeyCount> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var counts = new List<KeyCount>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var trimmed = line.TrimStart();
            var space = trimmed.IndexOf(' ', StringComparison.Ordinal);
            if (space <= 0 || !long.TryParse(trimmed.AsSpan(0, space), NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            {
                throw new InvalidDataException($"Not a line of 'uniq -c': '{line}'.");
            }

            var key = trimmed[(space + 1)..];
            counts.Add(new KeyCount(key == "null" ? null : key, count));
        }

        return counts;
    }
}
