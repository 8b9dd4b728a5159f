using ImportErrorAnalytics.Reporting;
using ImportErrorAnalytics.Snapshots;

namespace ImportErrorAnalytics.Orleans;

/// <summary>An import's status and, once it completed, its snapshot.</summary>
[GenerateSerializer]
[Immutable]
[Alias("iea.ImportResult")]
public sealed class ImportResult
{
    /// <summary>The status.</summary>
    [Id(0)]
    public required ImportStatus Status { get; init; }

    /// <summary>The import's snapshot (the library's snapshot format); empty until the import completed.</summary>
    [Id(1)]
    public ReadOnlyMemory<byte> Snapshot { get; init; }

    /// <summary>Reads <see cref="Snapshot"/>; <see langword="null"/> until the import completed.</summary>
    /// <param name="reader">
    /// Reads the snapshot: give one with the custom aggregators the silos register (e.g.
    /// <c>ImportErrorAnalyzer.CreateBuilder().AddGeneratedAggregators().CreateSnapshotReader()</c>); without one, the
    /// built-in aggregators only.
    /// </param>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <exception cref="SnapshotFormatException">The bytes are damaged.</exception>
    /// <exception cref="SnapshotMismatchException">The snapshot holds a custom aggregator's state the reader does not know, or lacks one it knows.</exception>
    public Task<ReportSnapshot?> ReadSnapshotAsync(SnapshotReader? reader = null, CancellationToken cancellationToken = default) =>
        SnapshotPayload.ReadOrNullAsync(Snapshot, $"import {Status.AccountId}/{Status.ImportId}", reader, cancellationToken);

    /// <summary>
    /// The import's report, exactly what one run over the import gives; <see langword="null"/> until it completed. When the analysis masked values
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
        SnapshotPayload.ReportOrNullAsync(Snapshot, $"import {Status.AccountId}/{Status.ImportId}", maskKey, reader, cancellationToken);
}
