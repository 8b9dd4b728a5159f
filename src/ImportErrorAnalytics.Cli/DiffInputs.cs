using System.Text;
using ImportErrorAnalytics.Comparison;
using ImportErrorAnalytics.Reporting;
using ImportErrorAnalytics.Snapshots;

namespace ImportErrorAnalytics.Cli;

/// <summary>
/// Reads one input of <c>iea diff</c>: a snapshot (its first line names the format <c>iea-snapshot</c>) or a JSON report,
/// told apart by content, never by the file's name.
/// </summary>
internal static class DiffInputs
{
    private static readonly byte[] SnapshotMark = Encoding.UTF8.GetBytes("\"format\":\"" + ReportSnapshot.FormatName + "\"");

    /// <summary>The report the file holds, or made from the snapshot it holds.</summary>
    /// <exception cref="IOException">The file cannot be read (also <see cref="UnauthorizedAccessException"/>).</exception>
    /// <exception cref="SnapshotFormatException">A snapshot that cannot be read.</exception>
    /// <exception cref="ReportFormatException">Neither a snapshot nor a JSON report this version reads.</exception>
    public static async Task<ImportErrorReport> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        if (!IsSnapshot(bytes))
        {
            return JsonReportReader.Read(bytes, path);
        }

        using var stream = new MemoryStream(bytes, writable: false);
        var snapshot = await new SnapshotReader().ReadAsync(stream, path, cancellationToken).ConfigureAwait(false);
        return snapshot.CreateReport();
    }

    private static bool IsSnapshot(ReadOnlySpan<byte> bytes)
    {
        var end = bytes.IndexOf((byte)'\n');
        var firstLine = end < 0 ? bytes : bytes[..end];
        return firstLine.IndexOf(SnapshotMark) >= 0;
    }
}
