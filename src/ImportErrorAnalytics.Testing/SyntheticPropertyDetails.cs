namespace ImportErrorAnalytics.Testing;

/// <summary>
/// The fields of <c>invalidPropertyValue</c> that HubSpot's schema requires beyond those the analysis reads (its name,
/// value, sensitivity, encryption and masked ranges are on <see cref="SyntheticError"/>): where the value came from,
/// when and by whom it was set.
/// </summary>
public sealed record SyntheticPropertyDetails
{
    /// <summary><c>isLargeValue</c>.</summary>
    public bool IsLargeValue { get; init; }

    /// <summary><c>persistenceTimestamp</c> (epoch ms).</summary>
    public long PersistenceTimestamp { get; init; }

    /// <summary><c>requestId</c>.</summary>
    public string RequestId { get; init; } = "";

    /// <summary><c>selectedByUser</c>.</summary>
    public bool SelectedByUser { get; init; }

    /// <summary><c>selectedByUserTimestamp</c> (epoch ms, 0 when not selected).</summary>
    public long SelectedByUserTimestamp { get; init; }

    /// <summary><c>source</c>: one of HubSpot's 119 sources, e.g. <c>IMPORT</c>.</summary>
    public string Source { get; init; } = "IMPORT";

    /// <summary><c>sourceId</c>.</summary>
    public string SourceId { get; init; } = "";

    /// <summary><c>sourceLabel</c>.</summary>
    public string SourceLabel { get; init; } = "";

    /// <summary><c>sourceMetadata</c>.</summary>
    public string SourceMetadata { get; init; } = "";

    /// <summary><c>sourceUpstreamDeployable</c>.</summary>
    public string SourceUpstreamDeployable { get; init; } = "";

    /// <summary><c>sourceVid</c>.</summary>
    public IReadOnlyList<long> SourceVid { get; init; } = [];

    /// <summary><c>timestamp</c> (epoch ms).</summary>
    public long Timestamp { get; init; }

    /// <summary><c>unit</c>.</summary>
    public string Unit { get; init; } = "";

    /// <summary><c>updatedByUserId</c>.</summary>
    public int UpdatedByUserId { get; init; }

    /// <summary><c>useTimestampAsPersistenceTimestamp</c>.</summary>
    public bool UseTimestampAsPersistenceTimestamp { get; init; }

    /// <summary>Field by field; <see cref="SourceVid"/> by its elements.</summary>
    /// <param name="other">The other details.</param>
    public bool Equals(SyntheticPropertyDetails? other) =>
        other is not null
        && IsLargeValue == other.IsLargeValue && PersistenceTimestamp == other.PersistenceTimestamp && RequestId == other.RequestId
        && SelectedByUser == other.SelectedByUser && SelectedByUserTimestamp == other.SelectedByUserTimestamp && Source == other.Source
        && SourceId == other.SourceId && SourceLabel == other.SourceLabel && SourceMetadata == other.SourceMetadata
        && SourceUpstreamDeployable == other.SourceUpstreamDeployable && SyntheticError.SameList(SourceVid, other.SourceVid)
        && Timestamp == other.Timestamp && Unit == other.Unit && UpdatedByUserId == other.UpdatedByUserId
        && UseTimestampAsPersistenceTimestamp == other.UseTimestampAsPersistenceTimestamp;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(RequestId, Timestamp, Source);
}
