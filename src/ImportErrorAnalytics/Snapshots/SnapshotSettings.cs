using System.Text.Json;
using ImportErrorAnalytics.Aggregation.BuiltIn;

namespace ImportErrorAnalytics.Snapshots;

/// <summary>
/// The options that shape a snapshot's states (distinct capacity, cluster gap, which sensitive values they may hold) or
/// the report built from them (top, max clusters, display length, masking). Snapshots merge only when all of them are
/// equal.
/// </summary>
internal sealed record SnapshotSettings(
    int Top, int DistinctCapacity, int ClusterGap, int? MaxClusters, int ValueDisplayLength, bool MaskValues, int MaxDistinctKeys, bool ShowStandardSensitivity)
{
    public static SnapshotSettings From(BuiltInSettings options) =>
        new(options.Top, options.DistinctCapacity, options.ClusterGap, options.MaxClusters, options.ValueDisplayLength, options.MaskValues, options.MaxDistinctKeys, options.ShowStandardSensitivity);

    /// <summary>Settings that rebuild the aggregators of these settings; validated.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    public BuiltInSettings ToBuiltInSettings(bool maskValues = false)
    {
        var settings = new BuiltInSettings(
            Top, DistinctCapacity, ClusterGap, MaxClusters, ValueDisplayLength, MaskValues || maskValues, MaxDistinctKeys, ShowStandardSensitivity);
        settings.Validate();
        return settings;
    }

    /// <summary>The first setting that differs, as <c>name (--option): mine and theirs</c>; <see langword="null"/> when none does.</summary>
    public string? FirstDifference(SnapshotSettings other) =>
        DistinctCapacity != other.DistinctCapacity ? $"distinctCapacity (--distinct-capacity): {DistinctCapacity} and {other.DistinctCapacity}"
        : ClusterGap != other.ClusterGap ? $"clusterGap (--cluster-gap): {ClusterGap} and {other.ClusterGap}"
        : Top != other.Top ? $"top (--top): {Top} and {other.Top}"
        : MaxClusters != other.MaxClusters ? $"maxClusters (--max-clusters): {Show(MaxClusters)} and {Show(other.MaxClusters)}"
        : ValueDisplayLength != other.ValueDisplayLength ? $"valueDisplayLength: {ValueDisplayLength} and {other.ValueDisplayLength}"
        : MaskValues != other.MaskValues ? $"maskValues (--redact-values): {Show(MaskValues)} and {Show(other.MaskValues)}"
        : MaxDistinctKeys != other.MaxDistinctKeys ? $"maxDistinctKeys (--max-distinct-keys): {MaxDistinctKeys} and {other.MaxDistinctKeys}"
        : ShowStandardSensitivity != other.ShowStandardSensitivity
            ? $"showStandardSensitivity (--show-standard-sensitivity): {Show(ShowStandardSensitivity)} and {Show(other.ShowStandardSensitivity)}"
        : null;

    public void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject("settings");
        writer.WriteNumber("top", Top);
        writer.WriteNumber("distinctCapacity", DistinctCapacity);
        writer.WriteNumber("clusterGap", ClusterGap);
        if (MaxClusters is { } max)
        {
            writer.WriteNumber("maxClusters", max);
        }
        else
        {
            writer.WriteNull("maxClusters");
        }

        writer.WriteNumber("valueDisplayLength", ValueDisplayLength);
        writer.WriteBoolean("maskValues", MaskValues);
        writer.WriteNumber("maxDistinctKeys", MaxDistinctKeys);
        writer.WriteBoolean("showStandardSensitivity", ShowStandardSensitivity);
        writer.WriteEndObject();
    }

    /// <exception cref="FormatException">A setting is missing or out of range.</exception>
    public static SnapshotSettings Read(JsonElement json) => new(
        SnapshotJson.Int(json, "top"),
        SnapshotJson.Int(json, "distinctCapacity", minimum: 1),
        SnapshotJson.Int(json, "clusterGap"),
        SnapshotJson.NullableInt(json, "maxClusters"),
        SnapshotJson.Int(json, "valueDisplayLength", minimum: 1),
        SnapshotJson.Bool(json, "maskValues"),
        SnapshotJson.Int(json, "maxDistinctKeys", minimum: 1),
        SnapshotJson.Bool(json, "showStandardSensitivity"));

    private static string Show(int? value) => value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "all";

    private static string Show(bool value) => value ? "on" : "off";
}
