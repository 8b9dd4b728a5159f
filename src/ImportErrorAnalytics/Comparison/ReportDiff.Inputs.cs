using System.Text;
using ImportErrorAnalytics.Reporting;
using ImportErrorAnalytics.Snapshots;

namespace ImportErrorAnalytics.Comparison;

public sealed partial class ReportDiff
{
    private static readonly byte[] SnapshotMark = Encoding.UTF8.GetBytes("\"format\":\"" + ReportSnapshot.FormatName + "\"");

    /// <summary>
    /// Reads one side of a diff from a file: a JSON report (schema version <see cref="ImportErrorReport.CurrentSchemaVersion"/>)
    /// or a snapshot, told apart by content (a snapshot's first line names its format), never by the file's name.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="maskKey">
    /// The key the diff masks values with (see <see cref="Compare"/>): a snapshot's report then masks every whole value
    /// with it, so its masks match those of reports made with the same key.
    /// </param>
    /// <param name="snapshotReader">Reads snapshots (with the custom aggregators they hold); the built-ins only when absent.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The report the file holds, or the report of the snapshot it holds.</returns>
    /// <exception cref="IOException">The file cannot be read (also <see cref="UnauthorizedAccessException"/>).</exception>
    /// <exception cref="SnapshotFormatException">A snapshot that cannot be read.</exception>
    /// <exception cref="ReportFormatException">Neither a snapshot nor a JSON report this version reads.</exception>
    public static async Task<ImportErrorReport> ReadInputAsync(
        string path, ValueMaskKey? maskKey = null, SnapshotReader? snapshotReader = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        if (!IsSnapshot(bytes))
        {
            return JsonReportReader.Read(bytes, path);
        }

        using var stream = new MemoryStream(bytes, writable: false);
        var snapshot = await (snapshotReader ?? new SnapshotReader()).ReadAsync(stream, path, cancellationToken).ConfigureAwait(false);
        return maskKey is null ? snapshot.CreateReport() : snapshot.CreateReport(maskValues: true, maskKey: maskKey);
    }

    private static bool IsSnapshot(ReadOnlySpan<byte> bytes)
    {
        var end = bytes.IndexOf((byte)'\n');
        var firstLine = end < 0 ? bytes : bytes[..end];
        return firstLine.IndexOf(SnapshotMark) >= 0;
    }
}
