namespace ImportErrorAnalytics.Peers.Answers;

/// <summary>
/// How iea shows a value in its report: at most the display length in UTF-16 code units, never cut inside a surrogate
/// pair. A peer that returns whole values is compared through this.
/// </summary>
public static class ValueDisplay
{
    public static string Of(string value, int displayLength)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length <= displayLength)
        {
            return value;
        }

        var cut = displayLength;
        if (cut > 0 && char.IsHighSurrogate(value[cut - 1]))
        {
            cut--;
        }

        return value[..cut];
    }
}
