using System.Security.Cryptography;
using System.Text;
using ImportErrorAnalytics.Parsing;
using ImportErrorAnalytics.Pipeline;
using ImportErrorAnalytics.Snapshots;

namespace ImportErrorAnalytics.Tests.Support;

/// <summary>Snapshots of in-memory runs, and their bytes: written, read back, split into header and payload, re-signed.</summary>
internal static class SnapshotBytes
{
    public static ReportSnapshot Of(IEnumerable<(string Name, byte[] Bytes, InputFormat Format)> inputs, Action<AnalyzerOptions>? configure = null) =>
        AnalyzerRuns.Builder(inputs, configure).Build().RunToSnapshotAsync().GetAwaiter().GetResult();

    public static byte[] Write(ReportSnapshot snapshot)
    {
        using var stream = new MemoryStream();
        snapshot.WriteToAsync(stream).GetAwaiter().GetResult();
        return stream.ToArray();
    }

    public static ReportSnapshot Read(byte[] bytes, SnapshotReader? reader = null, string name = "memory.snap") =>
        (reader ?? new SnapshotReader()).ReadAsync(new MemoryStream(bytes), name).GetAwaiter().GetResult();

    public static ReportSnapshot RoundTrip(ReportSnapshot snapshot, SnapshotReader? reader = null) => Read(Write(snapshot), reader);

    /// <summary>The payload: everything after the header line.</summary>
    public static byte[] Payload(byte[] snapshot) => snapshot[(Array.IndexOf(snapshot, (byte)'\n') + 1)..];

    /// <summary>A snapshot whose header announces <paramref name="payload"/> with its true length and SHA-256: corruption the checksum cannot see.</summary>
    public static byte[] Signed(byte[] payload, int version = ReportSnapshot.FormatVersion) =>
    [
        .. Encoding.ASCII.GetBytes($"{{\"format\":\"iea-snapshot\",\"version\":{version},\"payloadBytes\":{payload.Length},\"payloadSha256\":\"{Convert.ToHexStringLower(SHA256.HashData(payload))}\"}}\n"),
        .. payload,
    ];

    /// <summary>Re-signs the payload after replacing <paramref name="oldText"/> with <paramref name="newText"/> in it.</summary>
    public static byte[] Edited(byte[] snapshot, string oldText, string newText)
    {
        var payload = Encoding.UTF8.GetString(Payload(snapshot));
        Assert.Contains(oldText, payload, StringComparison.Ordinal);
        return Signed(Encoding.UTF8.GetBytes(payload.Replace(oldText, newText, StringComparison.Ordinal)));
    }
}
