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
    /// <param name="cancellationToken">Stops the read.</param>
    /// <exception cref="SnapshotFormatException">The bytes are damaged.</exception>
    public Task<ReportSnapshot?> ReadSnapshotAsync(CancellationToken cancellationToken = default) =>
        SnapshotPayload.ReadOrNullAsync(Snapshot, $"import {Status.AccountId}/{Status.ImportId}", cancellationToken);

    /// <summary>The import's report, exactly what one run over the import gives; <see langword="null"/> until it completed.</summary>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <exception cref="SnapshotFormatException">The bytes are damaged.</exception>
    public Task<ImportErrorReport?> CreateReportAsync(CancellationToken cancellationToken = default) =>
        SnapshotPayload.ReportOrNullAsync(Snapshot, $"import {Status.AccountId}/{Status.ImportId}", cancellationToken);
}
