using ImportErrorAnalytics.Reporting;

namespace ImportErrorAnalytics.Aggregation.BuiltIn;

/// <summary>
/// What the built-in aggregators and their report need of a run's options: the limits that shape their states and the
/// settings the report states. The pipeline makes it from its public options; a snapshot from the settings it saved.
/// Kept here, below the pipeline, so the aggregators depend on nothing above them (docs/architecture.md).
/// </summary>
internal sealed record BuiltInSettings(
    int Top,
    int DistinctCapacity,
    int ClusterGap,
    int? MaxClusters,
    int ValueDisplayLength,
    bool MaskValues,
    int MaxDistinctKeys,
    bool ShowStandardSensitivity)
{
    /// <summary>The default of <see cref="MaxDistinctKeys"/>.</summary>
    public const int DefaultMaxDistinctKeys = Model.RunNames.DefaultMaxUnknown;

    /// <summary>The key of masked values when <see cref="MaskValues"/> is set; <see langword="null"/> makes a random one.</summary>
    public ValueMaskKey? MaskKey { get; init; }

    /// <summary>The settings of a run with default options.</summary>
    public static BuiltInSettings Default { get; } = new(10, 10_000, 10, null, 200, false, DefaultMaxDistinctKeys, false);

    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range (named as the option that holds it).</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Top, 0, nameof(Top));
        ArgumentOutOfRangeException.ThrowIfLessThan(DistinctCapacity, 1, nameof(DistinctCapacity));
        ArgumentOutOfRangeException.ThrowIfLessThan(ClusterGap, 0, nameof(ClusterGap));
        if (MaxClusters is { } max)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(max, 0, nameof(MaxClusters));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(ValueDisplayLength, 1, nameof(ValueDisplayLength));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxDistinctKeys, 1, nameof(MaxDistinctKeys));
    }
}
