using System.Text;
using System.Text.Json;
using ImportErrorAnalytics.Parsing;
using ImportErrorAnalytics.Snapshots;
using ImportErrorAnalytics.Tests.Support;

namespace ImportErrorAnalytics.Tests.Snapshots;

/// <summary>The snapshot file: its documented layout, and the clear refusal of anything else.</summary>
public class SnapshotFileTests
{
    private static readonly (string, byte[], InputFormat)[] TwoErrors =
    [
        ("page.json", Encoding.UTF8.GetBytes("""{"results":[{"id":"a","errorType":"INVALID_EMAIL","knownColumnNumber":2,"invalidValue":"bob@","invalidPropertyValue":{"name":"email"},"sourceData":{"lineNumber":4}},{"id":"b","errorType":"INVALID_EMAIL"}]}"""), InputFormat.Pages),
    ];

    private static byte[] Bytes() => SnapshotBytes.Write(SnapshotBytes.Of(TwoErrors));

    [Fact]
    public void Layout_IsAHeaderLineAndTheJsonPayloadItAnnounces()
    {
        var bytes = Bytes();
        var newline = Array.IndexOf(bytes, (byte)'\n');

        using var header = JsonDocument.Parse(bytes.AsMemory(0, newline));
        using var payload = JsonDocument.Parse(bytes.AsMemory(newline + 1));
        Assert.Equal(ReportSnapshot.FormatName, header.RootElement.GetProperty("format").GetString());
        Assert.Equal(ReportSnapshot.FormatVersion, header.RootElement.GetProperty("version").GetInt32());
        Assert.Equal(bytes.Length - newline - 1, header.RootElement.GetProperty("payloadBytes").GetInt64());
        Assert.Equal(
            Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes.AsSpan(newline + 1))),
            header.RootElement.GetProperty("payloadSha256").GetString());
        var root = payload.RootElement;
        Assert.Equal(["runs", "settings", "counters", "skipped", "imports", "aggregators"], root.EnumerateObject().Select(p => p.Name));
        var input = root.GetProperty("runs")[0].GetProperty("inputs")[0];
        Assert.Equal(["name", "errors", "bytes", "xxh128"], input.EnumerateObject().Select(p => p.Name));
        Assert.Equal("page.json", input.GetProperty("name").GetString());
        Assert.Equal(2, input.GetProperty("errors").GetInt64());
        Assert.Equal(TwoErrors[0].Item2.Length, input.GetProperty("bytes").GetInt64());
        Assert.Equal(Convert.ToHexStringLower(System.IO.Hashing.XxHash128.Hash(TwoErrors[0].Item2)), input.GetProperty("xxh128").GetString());
        Assert.Equal(10_000, root.GetProperty("settings").GetProperty("distinctCapacity").GetInt32());
        Assert.Equal(2, root.GetProperty("counters").GetProperty("errors").GetInt64());
        Assert.Equal(
            ["totals", "errorTypes", "columns", "objectTypes", "topInvalidValues", "lineClusters"],
            root.GetProperty("aggregators").EnumerateObject().Select(p => p.Name));
        Assert.Equal(
            [1, 2, 2, 2, 2, 2],
            root.GetProperty("aggregators").EnumerateObject().Select(a => a.Value.GetProperty("stateVersion").GetInt32()));
    }

    [Theory]
    [InlineData("", "is empty, not an iea snapshot")]
    [InlineData("{\"schemaVersion\": 1,\n\"totals\": {}}", "is not an iea snapshot")]
    [InlineData("hello\nworld", "is not an iea snapshot")]
    [InlineData("{\"format\":\"something-else\",\"version\":1}\n{}", "is not an iea snapshot: its first line does not name the format 'iea-snapshot'")]
    [InlineData("{\"format\":\"iea-sna", "is truncated: it ends inside the snapshot header")]
    [InlineData("{\"format\":\"iea-snapshot\",\"version\":3,\"payloadBytes\":-3,\"payloadSha256\":\"00\"}\n", "has a damaged snapshot header")]
    [InlineData("{\"format\":\"iea-snapshot\",\"version\":3,\"payloadBytes\":9000000000000,\"payloadSha256\":\"0000000000000000000000000000000000000000000000000000000000000000\"}\n{}", "has a damaged snapshot header")]
    [InlineData("{\"format\":\"iea-snapshot\",\"version\":3,\"payloadBytes\":2000000,\"payloadSha256\":\"0000000000000000000000000000000000000000000000000000000000000000\"}\n{}", "is truncated: its header announces 2,000,000 payload bytes, it holds 2")]
    public void NotWholeSnapshots_AreRefusedSayingWhy(string content, string problem)
    {
        var error = Assert.Throws<SnapshotFormatException>(() => SnapshotBytes.Read(Encoding.UTF8.GetBytes(content), name: "x.snap"));

        Assert.Contains($"The snapshot 'x.snap' {problem}", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public void AnotherFormatVersion_IsRefusedNamingIt(int version)
    {
        var error = Assert.Throws<SnapshotFormatException>(() => SnapshotBytes.Read(SnapshotBytes.Signed(SnapshotBytes.Payload(Bytes()), version)));

        Assert.Contains($"has snapshot format version {version}; this version of iea reads version 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BytesAfterThePayload_AreRefused()
    {
        var error = Assert.Throws<SnapshotFormatException>(() => SnapshotBytes.Read([.. Bytes(), (byte)'\n']));

        Assert.Contains("goes on after the payload", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFlippedPayloadByte_IsCaughtByTheChecksum()
    {
        var bytes = Bytes();
        bytes[^10] ^= 0x04;

        var error = Assert.Throws<SnapshotFormatException>(() => SnapshotBytes.Read(bytes));

        Assert.Contains("is corrupted: its payload does not match the SHA-256", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"errors\":2,\"bytes\"", "\"errors\":3,\"bytes\"", "'totals' counts 2 errors, the run's counters 3")]
    [InlineData("\"counters\":{\"inputs\":1", "\"counters\":{\"inputs\":2", "'counters.inputs' is not the number")]
    [InlineData("\"distinctCapacity\":10000", "\"distinctCapacity\":0", "'distinctCapacity' must be a whole number of at least 1")]
    [InlineData("\"position\":[0,", "\"position\":[5,", "names input 5; the run had 1")]
    [InlineData("\"runs\":[{\"id\":\"", "\"runs\":[{\"id\":\"x", "is not a GUID")]
    [InlineData("\"gap\":10", "\"gap\":11", "the state of the aggregator 'lineClusters' cannot be read")]
    public void ContentThatDisagreesWithItself_IsRefusedEvenWithAValidChecksum(string oldText, string newText, string problem)
    {
        var error = Assert.Throws<SnapshotFormatException>(() => SnapshotBytes.Read(SnapshotBytes.Edited(Bytes(), oldText, newText)));

        Assert.Contains("is not a valid snapshot although its checksum matches", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteToFile_ReplacesTheFileAndLeavesNoTemporaryFile()
    {
        using var temp = new TempDirectory();
        var path = temp.File("run.snap", "old content");
        var snapshot = SnapshotBytes.Of(TwoErrors);

        await snapshot.WriteToFileAsync(path);

        Assert.Equal([path], Directory.GetFiles(temp.Path));
        var read = await new SnapshotReader().ReadFileAsync(path);
        Assert.Equal(snapshot.RunIds, read.RunIds);
        Assert.Equal(path, read.ToString());
    }
}
