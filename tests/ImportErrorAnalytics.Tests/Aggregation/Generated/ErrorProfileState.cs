namespace ImportErrorAnalytics.Tests.Aggregation.Generated;

/// <summary>The per-worker state of <see cref="ErrorProfileAggregator"/>; names are the library's interned strings.</summary>
public sealed class ErrorProfileState
{
    public long Errors { get; set; }

    public int? FirstLine { get; set; }

    public long WithLine { get; set; }

    public Dictionary<string, long> ObjectTypes { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, long> ErrorTypes { get; } = new(StringComparer.Ordinal);
}
