using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ImportErrorAnalytics.Parsing;
using ImportErrorAnalytics.Snapshots;
using ImportErrorAnalytics.Tests.Support;

namespace ImportErrorAnalytics.Tests.Hostile;

/// <summary>
/// Reading a snapshot obeys the same bounds as a run: a state holding more distinct keys than its settings allow, or
/// keys no run writes, is refused (exit 12), and what the content claims (capacities, lengths, chunk indexes) never
/// sizes an allocation: memory follows the bytes actually there.
/// </summary>
[Collection(MeasuredAlone.Name)]
public class ForgedSnapshotTests
{
    private static readonly byte[] Errors = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 3).Select(i => string.Create(CultureInfo.InvariantCulture,
        $"{{\"errorType\":\"NEW_TYPE_{i}\",\"objectType\":\"CONTACT\",\"knownColumnNumber\":{i},\"invalidValue\":\"v{i}\",\"sourceData\":{{\"fileId\":{100 + i},\"lineNumber\":{i + 1}}}}}\n"))));

    [Theory]
    [InlineData("errorTypes", "more than the limit of 3 distinct keys")]
    [InlineData("objectTypes", "more than the limit of 3 distinct keys")]
    public void AStateWithMoreUnknownNamesThanItsLimit_IsRefused(string aggregator, string reason)
    {
        var forged = Forge(
            state =>
            {
                for (var i = 0; i < 4; i++)
                {
                    ((JsonArray)state["counts"]!).Add(new JsonArray($"FORGED_EXTRA_NAME_{i}", 1));
                }
            },
            aggregator);

        var error = Assert.Throws<SnapshotFormatException>(() => SnapshotBytes.Read(forged));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MoreColumnsThanTheLimit_AreRefused()
    {
        var forged = Forge(state => ((JsonArray)state["columns"]!).Add(JsonNode.Parse("""{"key":7,"count":1,"errorTypes":[["INVALID_EMAIL",1]],"property":null,"position":[2147483647,2147483647,2147483647]}""")), "columns");

        Assert.Contains("more than 3 keys", Assert.Throws<SnapshotFormatException>(() => SnapshotBytes.Read(forged)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"key":1099511627776,"count":1,"errorTypes":[["INVALID_EMAIL",1]],"property":null,"position":[2147483647,2147483647,2147483647]}""", "is not a 32-bit integer")]
    [InlineData("""{"key":0,"count":2,"errorTypes":[["INVALID_EMAIL",1]],"property":null,"position":[2147483647,2147483647,2147483647]}""", "not the sum of its error types")]
    [InlineData("""{"key":0,"count":1,"errorTypes":[["INVALID_EMAIL",1],["INVALID_EMAIL",1]],"property":null,"position":[2147483647,2147483647,2147483647]}""", "a name twice")]
    public void AForgedColumn_IsRefused(string column, string reason)
    {
        var forged = Forge(state => ((JsonArray)state["columns"]!)[0] = JsonNode.Parse(column), "columns");

        Assert.Contains(reason, Assert.Throws<SnapshotFormatException>(() => SnapshotBytes.Read(forged)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("99999999", "AQA=", "index")]
    [InlineData("0", "AQ==", "neither a bitmap")]
    [InlineData("0", "AgABAA==", "not increasing")]
    [InlineData("0", "ABA=", "not increasing, or not below 4,096")]
    public void AForgedLineChunk_IsRefused(string index, string base64, string reason)
    {
        var forged = Forge(state => ((JsonObject)state["files"]![0]!["lines"]!)[index] = base64, "lineClusters");

        Assert.Contains(reason, Assert.Throws<SnapshotFormatException>(() => SnapshotBytes.Read(forged)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/w8=")]
    [InlineData("gA==")]
    public void AValueNoRunWrites_IsRefused(string base64)
    {
        var forged = Forge(state => state["columns"]![0]!["values"]![0]![0] = base64, "topInvalidValues");

        Assert.Contains("not valid UTF-8", Assert.Throws<SnapshotFormatException>(() => SnapshotBytes.Read(forged)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ClaimedCapacitiesAndLimits_DoNotSizeWhatReadingAllocates()
    {
        var payload = Encoding.UTF8.GetString(SnapshotBytes.Payload(SnapshotBytes.Write(Snapshot())))
            .Replace("\"distinctCapacity\":10000", "\"distinctCapacity\":2147483647", StringComparison.Ordinal)
            .Replace("\"capacity\":10000", "\"capacity\":2147483647", StringComparison.Ordinal)
            .Replace("\"valueDisplayLength\":200", "\"valueDisplayLength\":2147483647", StringComparison.Ordinal)
            .Replace("\"maxDistinctKeys\":3", "\"maxDistinctKeys\":2147483647", StringComparison.Ordinal)
            .Replace("\"top\":10", "\"top\":2147483647", StringComparison.Ordinal);
        var forged = SnapshotBytes.Signed(Encoding.UTF8.GetBytes(payload));

        var before = GC.GetTotalAllocatedBytes(precise: true);
        var report = SnapshotBytes.Read(forged).CreateReport();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        Assert.Equal(3, report.Totals.Errors);
        Assert.True(allocated < 16_000_000, $"Reading a {forged.Length:N0}-byte snapshot allocated {allocated:N0} bytes.");
    }

    [Fact]
    public void ManySmallLineChunks_CostMemoryInProportionToTheirBytes()
    {
        var chunks = new StringBuilder();
        for (var i = 0; i < 100_000; i++)
        {
            chunks.Append(CultureInfo.InvariantCulture, $"\"{i}\":\"AQA=\",");
        }

        var payload = Encoding.UTF8.GetString(SnapshotBytes.Payload(SnapshotBytes.Write(Snapshot())));
        var at = payload.IndexOf("\"lines\":{", StringComparison.Ordinal) + "\"lines\":{".Length;
        var forged = SnapshotBytes.Signed(Encoding.UTF8.GetBytes(payload[..at] + chunks + payload[at..]));

        var before = GC.GetTotalAllocatedBytes(precise: true);
        var error = Assert.Throws<SnapshotFormatException>(() => SnapshotBytes.Read(forged));
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        // Every chunk is read (and checked) before the failing lines are found outside the file's clusters.
        Assert.Contains("where no cluster of its starts", error.Message, StringComparison.Ordinal);
        Assert.True(allocated < 64L * forged.Length, $"Reading a {forged.Length:N0}-byte snapshot allocated {allocated:N0} bytes.");
    }

    private static ReportSnapshot Snapshot() => SnapshotBytes.Of([("errors.ndjson", Errors, InputFormat.Ndjson)], o => o.MaxDistinctKeys = 3);

    /// <summary>A correctly signed snapshot whose state of <paramref name="aggregator"/> was changed by <paramref name="edit"/>.</summary>
    private static byte[] Forge(Action<JsonNode> edit, string aggregator)
    {
        var payload = JsonNode.Parse(SnapshotBytes.Payload(SnapshotBytes.Write(Snapshot())))!;
        edit(payload["aggregators"]![aggregator]!["state"]!);
        return SnapshotBytes.Signed(Encoding.UTF8.GetBytes(payload.ToJsonString() + "\n"));
    }
}
