using ImportErrorAnalytics.Reporting;
using ImportErrorAnalytics.Snapshots;

namespace ImportErrorAnalytics.Orleans;

/// <summary>An account's imports and the merge of those that completed.</summary>
[GenerateSerializer]
[Immutable]
[Alias("iea.AccountRollup")]
public sealed class AccountRollup
{
    /// <summary>The account.</summary>
    [Id(0)]
    public required string AccountId { get; init; }

    /// <summary>Every import started through the account, in the order they were first started.</summary>
    [Id(1)]
    public required IReadOnlyList<ImportStatus> Imports { get; init; }

    /// <summary>
    /// The merge of the completed imports' snapshots (the library's snapshot format): its report has every exact part
    /// of the report one run over those imports would give. Empty while no import completed.
    /// </summary>
    [Id(2)]
    public ReadOnlyMemory<byte> Snapshot { get; init; }

    /// <summary>
    /// Completed imports whose snapshots were not merged into <see cref="Snapshot"/>, each with the reason (an
    /// aggregator the account's silo does not register, other settings, damage). Empty when every completed import is merged.
    /// </summary>
    [Id(3)]
    public IReadOnlyList<RollupRefusal> Refused { get; init; } = [];

    /// <summary>
    /// Names the content of <see cref="Snapshot"/>: a new value each time imports are merged into it, the same value as
    /// long as it does not change (the fleet re-merges an account only when it changed). <see langword="null"/> while it is empty.
    /// </summary>
    [Id(4)]
    public string? Version { get; init; }

    /// <summary>Whether every import is completed or failed (and there is at least one).</summary>
    public bool IsFinished => Imports.Count > 0 && Imports.All(import => import.IsFinished);

    /// <summary>Reads <see cref="Snapshot"/>; <see langword="null"/> while no import completed.</summary>
    /// <param name="reader">
    /// Reads the snapshot: give one with the custom aggregators the silos register (e.g.
    /// <c>ImportErrorAnalyzer.CreateBuilder().AddGeneratedAggregators().CreateSnapshotReader()</c>); without one, the
    /// built-in aggregators only.
    /// </param>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <exception cref="SnapshotFormatException">The bytes are damaged.</exception>
    /// <exception cref="SnapshotMismatchException">The snapshot holds a custom aggregator's state the reader does not know, or lacks one it knows.</exception>
    public Task<ReportSnapshot?> ReadSnapshotAsync(SnapshotReader? reader = null, CancellationToken cancellationToken = default) =>
        SnapshotPayload.ReadOrNullAsync(Snapshot, $"account {AccountId}", reader, cancellationToken);

    /// <summary>
    /// The report of the completed imports together; <see langword="null"/> while none completed. When the analysis masked values
    /// (<c>AnalyzerOptions.MaskValues</c>), the masks are made now with <paramref name="maskKey"/> (the snapshot holds
    /// no key): pass the key the analysis was configured with to get comparable masks; without one each call draws a
    /// random key.
    /// </summary>
    /// <param name="reader">
    /// Reads the snapshot: give one with the custom aggregators the silos register, whose results then appear under
    /// <c>custom</c>; without one, the built-in aggregators only.
    /// </param>
    /// <param name="maskKey">The key of the masks.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <exception cref="SnapshotFormatException">The bytes are damaged.</exception>
    /// <exception cref="SnapshotMismatchException">The snapshot holds a custom aggregator's state the reader does not know, or lacks one it knows.</exception>
    public Task<ImportErrorReport?> CreateReportAsync(SnapshotReader? reader = null, ValueMaskKey? maskKey = null, CancellationToken cancellationToken = default) =>
        SnapshotPayload.ReportOrNullAsync(Snapshot, $"account {AccountId}", maskKey, reader, cancellationToken);
}
