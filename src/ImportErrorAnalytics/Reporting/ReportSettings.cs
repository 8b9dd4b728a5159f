namespace ImportErrorAnalytics.Reporting;

/// <summary>The options that shaped a report, so a reader can interpret it.</summary>
public sealed class ReportSettings
{
    /// <summary>Values listed per column.</summary>
    public int Top { get; init; }

    /// <summary>Distinct values per column counted exactly before the column switches to a heavy-hitters summary.</summary>
    public int DistinctCapacity { get; init; }

    /// <summary>Error-free lines allowed inside one line cluster.</summary>
    public int ClusterGap { get; init; }

    /// <summary>Clusters listed per file (<see langword="null"/>: all).</summary>
    public int? MaxClusters { get; init; }

    /// <summary>Characters of a value shown before it is cut.</summary>
    public int ValueDisplayLength { get; init; }

    /// <summary>The most distinct keys of each kind kept apart (<see cref="Pipeline.AnalyzerOptions.MaxDistinctKeys"/>).</summary>
    public int MaxDistinctKeys { get; init; }

    /// <summary>Whether values are shown as keyed hashes (<see cref="InvalidValueCount.Masked"/>).</summary>
    public bool MaskValues { get; init; }

    /// <summary>
    /// Which key made the masks (<see cref="ValueMaskKey.Id"/>) when <see cref="MaskValues"/> is set, so reports whose
    /// masks compare can be told from those whose masks do not; absent from reports that do not mask.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? MaskKeyId { get; init; }

    /// <summary>Whether values HubSpot classes as <c>standard</c> sensitivity are shown rather than redacted.</summary>
    public bool ShowStandardSensitivity { get; init; }
}
