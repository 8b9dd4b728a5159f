using ImportErrorAnalytics.Reporting;
using ImportErrorAnalytics.Snapshots;

namespace ImportErrorAnalytics.Orleans;

/// <summary>
/// Snapshots as the grains pass them around and keep them: the library's versioned, checksummed snapshot format
/// (see docs/snapshots.md), so a payload read back is refused whole when damaged.
/// </summary>
internal static class SnapshotPayload
{
    public static async Task<byte[]> WriteAsync(ReportSnapshot snapshot, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream();
        await snapshot.WriteToAsync(stream, cancellationToken).ConfigureAwait(false);
        return stream.ToArray();
    }

    /// <summary>Reads a payload with <paramref name="reader"/> (built-in aggregators only when none is given).</summary>
    public static async Task<ReportSnapshot> ReadAsync(ReadOnlyMemory<byte> payload, string name, SnapshotReader? reader, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream(payload.ToArray(), writable: false);
        return await (reader ?? new SnapshotReader()).ReadAsync(stream, name, cancellationToken).ConfigureAwait(false);
    }

    public static async Task<ReportSnapshot?> ReadOrNullAsync(ReadOnlyMemory<byte> payload, string name, SnapshotReader? reader, CancellationToken cancellationToken) =>
        payload.IsEmpty ? null : await ReadAsync(payload, name, reader, cancellationToken).ConfigureAwait(false);

    /// <summary>The report of a payload; masked values (if its settings mask them) with <paramref name="maskKey"/>, else a random key.</summary>
    public static async Task<ImportErrorReport?> ReportOrNullAsync(ReadOnlyMemory<byte> payload, string name, ValueMaskKey? maskKey, SnapshotReader? reader, CancellationToken cancellationToken) =>
        (await ReadOrNullAsync(payload, name, reader, cancellationToken).ConfigureAwait(false))?.CreateReport(maskKey: maskKey);
}
