using ImportErrorAnalytics.Reporting;
using ImportErrorAnalytics.Snapshots;

namespace ImportErrorAnalytics.Orleans;

/// <summary>Every account of a fleet, their imports, and the merge of all completed imports.</summary>
[GenerateSerializer]
[Immutable]
[Alias("iea.FleetRollup")]
public sealed class FleetRollup
{
    /// <summary>The fleet.</summary>
    [Id(0)]
    public required string FleetId { get; init; }

    /// <summary>The accounts, in the order they joined the fleet.</summary>
    [Id(1)]
    public required IReadOnlyList<string> Accounts { get; init; }

    /// <summary>Every account's imports, account by account.</summary>
    [Id(2)]
    public required IReadOnlyList<ImportStatus> Imports { get; init; }

    /// <summary>The merge of every account's completed imports (the library's snapshot format); empty while none completed.</summary>
    [Id(3)]
    public ReadOnlyMemory<byte> Snapshot { get; init; }

    /// <summary>
    /// What the fleet did not merge, with the reasons: every account's refused imports (<see cref="AccountRollup.Refused"/>),
    /// and whole account roll-ups the fleet's silo could not read or merge (with no <see cref="RollupRefusal.ImportId"/>).
    /// </summary>
    [Id(4)]
    public IReadOnlyList<RollupRefusal> Refused { get; init; } = [];

    /// <summary>Whether every import of every account is completed or failed (and there is at least one).</summary>
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
        SnapshotPayload.ReadOrNullAsync(Snapshot, $"fleet {FleetId}", reader, cancellationToken);

    /// <summary>
    /// The report of every completed import of every account together; <see langword="null"/> while none completed. When the analysis masked values
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
        SnapshotPayload.ReportOrNullAsync(Snapshot, $"fleet {FleetId}", maskKey, reader, cancellationToken);
}
