namespace ImportErrorAnalytics.Soak;

/// <summary>
/// Exact counts of every value of one column, keyed as the report shows a value: cut to the display length, and
/// sensitive values under one key. Only a few columns are tracked, so this stays a few megabytes.
/// </summary>
internal sealed class TrackedColumn(int displayLength)
{
    public const string RedactedKey = "\u0000[REDACTED]";

    public Dictionary<string, long> Counts { get; } = new(StringComparer.Ordinal);

    public void Add(string value, bool sensitive)
    {
        var key = sensitive ? RedactedKey : value.Length > displayLength ? value[..displayLength] : value;
        Counts[key] = Counts.GetValueOrDefault(key) + 1;
    }

    public long CountOf(string reportedValue, bool redacted) => Counts.GetValueOrDefault(redacted ? RedactedKey : reportedValue);

    /// <summary>The values by count descending, then by value (ordinal, which is UTF-8 byte order for these values).</summary>
    public List<KeyValuePair<string, long>> Ranked()
    {
        var ranked = Counts.ToList();
        ranked.Sort((a, b) => a.Value != b.Value ? b.Value.CompareTo(a.Value) : string.CompareOrdinal(a.Key, b.Key));
        return ranked;
    }
}
