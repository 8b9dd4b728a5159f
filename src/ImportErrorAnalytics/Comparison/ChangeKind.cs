using System.Text.Json.Serialization;

namespace ImportErrorAnalytics.Comparison;

/// <summary>How a count changed from the report before to the report after.</summary>
public enum ChangeKind
{
    /// <summary>Counted after, absent before (and the report before had no "other" row that could hold it).</summary>
    [JsonStringEnumMemberName("new")]
    New,

    /// <summary>Counted before, absent after (and the report after had no "other" row that could hold it).</summary>
    [JsonStringEnumMemberName("gone")]
    Gone,

    /// <summary>More after than before.</summary>
    [JsonStringEnumMemberName("increased")]
    Increased,

    /// <summary>Fewer after than before.</summary>
    [JsonStringEnumMemberName("decreased")]
    Decreased,
}
