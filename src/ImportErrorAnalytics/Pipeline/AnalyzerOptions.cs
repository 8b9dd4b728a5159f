using ImportErrorAnalytics.Aggregation.BuiltIn;
using ImportErrorAnalytics.Parsing;
using ImportErrorAnalytics.Reporting;

namespace ImportErrorAnalytics.Pipeline;

/// <summary>How a run parses, aggregates and reports. Validated once, when the analyzer is built.</summary>
public sealed class AnalyzerOptions
{
    /// <summary>Values listed per column in the report.</summary>
    /// <value>Defaults to 10.</value>
    public int Top { get; set; } = 10;

    /// <summary>Distinct values per column counted exactly; past that a bounded heavy-hitters summary of this size.</summary>
    /// <value>Defaults to 10,000.</value>
    public int DistinctCapacity { get; set; } = 10_000;

    /// <summary>Error-free lines allowed inside one line cluster (0 joins only consecutive lines).</summary>
    /// <value>Defaults to 10.</value>
    public int ClusterGap { get; set; } = 10;

    /// <summary>Clusters listed per file (the largest first); <see langword="null"/> lists all. Counts stay complete.</summary>
    public int? MaxClusters { get; set; }

    /// <summary>The default of <see cref="MaxDistinctKeys"/>.</summary>
    public const int DefaultMaxDistinctKeys = BuiltInSettings.DefaultMaxDistinctKeys;

    /// <summary>
    /// The most distinct keys of each kind a run keeps apart: error types and object types beyond HubSpot's documented
    /// ones (the first met), columns and files (the smallest numbers). Past it the rest are counted together, in one
    /// row of their table: <c>(other unknown)</c> for types, "other columns", "other files"; every error is still counted,
    /// and the report says which tables used such a row and how many errors it holds. A merge of snapshots keeps as many:
    /// the undocumented types first in ordinal order, the smallest columns and files. Memory and report size stay bounded
    /// whatever the input holds.
    /// </summary>
    /// <value>Defaults to 4,096 (HubSpot documents 68 error types and 161 object types).</value>
    public int MaxDistinctKeys { get; set; } = DefaultMaxDistinctKeys;

    /// <summary>Characters of a value shown in reports before it is cut.</summary>
    /// <value>Defaults to 200.</value>
    public int ValueDisplayLength { get; set; } = 200;

    /// <summary>
    /// Parse workers and aggregation workers. Inputs are parsed this many at once; with fewer inputs than workers, the
    /// pages of each input are split off its stream and parsed by several workers (the result is the same either way).
    /// </summary>
    /// <value>Defaults to the number of processors.</value>
    public int MaxDegreeOfParallelism { get; set; } = Environment.ProcessorCount;

    /// <summary>Imports read at once by <see cref="ImportErrorAnalyzer.RunPerImportAsync"/> (all under one rate limiter).</summary>
    /// <value>Defaults to 8.</value>
    public int MaxConcurrentImports { get; set; } = 8;

    /// <summary>Parsed pages buffered between the parse and aggregate stages (backpressure beyond that).</summary>
    /// <value>Defaults to 16.</value>
    public int ChannelCapacity { get; set; } = 16;

    /// <summary>
    /// When true, every invalid value is shown in reports as the start of its keyed hash (HMAC-SHA256 under
    /// <see cref="MaskKey"/>), without its length, for reports that leave the data boundary: equal values still group,
    /// and nobody without the key can test guesses against a mask. Sensitive values stay <c>[REDACTED]</c> either way.
    /// </summary>
    public bool MaskValues { get; set; }

    /// <summary>
    /// The key of <see cref="MaskValues"/>. Give the same key to runs whose masked reports must be compared; keep it
    /// secret.
    /// </summary>
    /// <value>
    /// Defaults to <see langword="null"/>: each analyzer makes a random key when it is built, so its masks group equal
    /// values within its own reports and match nothing else.
    /// </value>
    public ValueMaskKey? MaskKey { get; set; }

    /// <summary>
    /// When true, values of properties HubSpot classes as <c>standard</c> sensitivity
    /// (<c>invalidPropertyValue.dataSensitivity</c>; HubSpot calls them "sensitive") are shown like other values, for
    /// teams allowed to see them. Values classed <c>high</c> or any other level, values without a stated level,
    /// encrypted values and values of which HubSpot masked a part stay redacted either way.
    /// </summary>
    /// <value>Defaults to false: every value HubSpot does not class as <c>none</c> is redacted.</value>
    public bool ShowStandardSensitivity { get; set; }

    /// <summary>When true, malformed input is listed in the report and skipped; when false the run stops at the first.</summary>
    public bool KeepGoing { get; set; }

    /// <summary>Limits on untrusted input.</summary>
    public ParserLimits Limits { get; } = new();

    /// <summary>The clock used for elapsed times and progress.</summary>
    /// <value>Defaults to <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>What the built-in aggregators and the report take of these options.</summary>
    internal BuiltInSettings ToBuiltInSettings() =>
        new(Top, DistinctCapacity, ClusterGap, MaxClusters, ValueDisplayLength, MaskValues, MaxDistinctKeys, ShowStandardSensitivity) { MaskKey = MaskKey };

    internal void Validate()
    {
        ToBuiltInSettings().Validate();
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxDegreeOfParallelism, 1, nameof(MaxDegreeOfParallelism));
        ArgumentOutOfRangeException.ThrowIfLessThan(ChannelCapacity, 1, nameof(ChannelCapacity));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConcurrentImports, 1, nameof(MaxConcurrentImports));
        ArgumentNullException.ThrowIfNull(TimeProvider);
        Limits.Validate();
    }
}
