using System.Text;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ImportErrorAnalytics.Cli;
using ImportErrorAnalytics.Parsing;
using ImportErrorAnalytics.Snapshots;
using ImportErrorAnalytics.Testing;
using ImportErrorAnalytics.Tests.Support;

namespace ImportErrorAnalytics.Tests.Snapshots;

/// <summary>
/// Forged snapshots, whose checksum matches: states that disagree with each other or with the counters are refused
/// (<see cref="SnapshotFormatException"/>, exit 12), one test per kind of disagreement, and any single count changed
/// anywhere is refused.
/// </summary>
public class SnapshotConsistencyTests
{
    private static readonly Lazy<byte[]> Sample = new(() => SnapshotBytes.Write(SnapshotBytes.Of(
        Directory.GetFiles(SamplePaths.ImportDirectory, "*.json").Order(StringComparer.Ordinal)
            .Select(path => (Path.GetFileName(path), File.ReadAllBytes(path), InputFormat.Pages)))));

    private static readonly Dictionary<string, (Action<JsonObject> Edit, string Problem)> Forgeries = new()
    {
        ["error types that do not add up to the errors"] = (p => Add(State(p, "errorTypes")["counts"]![0]![1]!, 1), "the counts of 'errorTypes' add up to 601 errors, not the 600 the totals count"),
        ["a negative error-type count"] = (p => Set(State(p, "errorTypes")["counts"]![0]![1]!, -5), "'counts' holds a count that is not positive"),
        ["error types moved between types"] = (p =>
        {
            Add(State(p, "errorTypes")["counts"]![0]![1]!, 1);
            Add(State(p, "errorTypes")["counts"]![1]![1]!, -1);
        }, "'errorTypes' counts"),
        ["column counts that do not add up"] = (p =>
        {
            Add(ColumnWithTwoTypes(p)["count"]!, 1);
            Add(ColumnWithTwoTypes(p)["errorTypes"]![0]![1]!, 1);
        }, "the counts of 'columns' add up to 601 errors"),
        ["a column whose error types do not add up to it"] = (p => Add(ColumnWithTwoTypes(p)["errorTypes"]![0]![1]!, 1), "is not the sum of its error types"),
        ["a column's errors moved to another type"] = (p =>
        {
            Add(ColumnWithTwoTypes(p)["errorTypes"]![0]![1]!, 1);
            Add(ColumnWithTwoTypes(p)["errorTypes"]![1]![1]!, -1);
        }, "'errorTypes' holds a count that is not positive"),
        ["a column no record can have"] = (p => ((JsonObject)Columns(p)[0]!)["key"] = 4_294_967_296L, "A saved column number, 4294967296, is not a 32-bit integer"),
        ["a property name without a position"] = (p => ((JsonObject)Columns(p).First(c => c!["property"] is not null)!)["position"] = JsonNode.Parse("[2147483647,2147483647,2147483647]"), "a property name without a position"),
        ["object types that do not add up"] = (p => Add(State(p, "objectTypes")["counts"]![0]![1]!, -1), "the counts of 'objectTypes' add up to 599 errors"),
        ["totals that disagree with the counters"] = (p => Add(State(p, "totals")["errors"]!, 1), "'totals' counts 601 errors, the run's counters 600"),
        ["more sensitive values than errors"] = (p => Set(State(p, "totals")["redactedValues"]!, 601), "more sensitive values or errors of unknown types than errors"),
        ["a negative total"] = (p => Set(State(p, "totals")["unknownErrorTypeErrors"]!, -1), "'totals' holds a negative count"),
        ["top values of a column that has none"] = (p => ((JsonObject)TopColumns(p)[0]!)["key"] = 77, "counts values of column 77, which 'columns' does not have"),
        ["more values than the column has errors"] = (p =>
        {
            var column = (JsonObject)TopColumns(p)[0]!;
            Add(column["total"]!, 1000);
            Add(column["values"]![0]![1]!, 1000);
        }, "values in column"),
        ["an over-count in an exact column"] = (p => Set(TopColumns(p).SelectMany(c => c!["values"]!.AsArray()).First(v => v![1]!.GetValue<long>() > 1)![2]!, 1), "a possible over-count of 1, but the column is counted exactly"),
        ["more sensitive values among the top values than in the totals"] = (p => Set(State(p, "totals")["redactedValues"]!, 0), "sensitive values, the totals 0"),
        ["file counts that do not add up"] = (p => Add(Files(p)[0]!["fileWideErrors"]!, 1), "but"),
        ["files that do not add up to the errors"] = (p =>
        {
            Add(Files(p)[0]!["errors"]!, 1);
            Add(Files(p)[0]!["errorsWithoutLine"]!, 1);
        }, "the files of 'lineClusters' add up to 601 errors"),
        ["fewer errors than lines in a cluster"] = (p => Set(WideCluster(p)[2]!, 1), "errors on the"),
        ["a cluster that starts on no failing line"] = (p => Add(WideCluster(p)[0]!, 1), "where no cluster of its starts"),
        ["a cluster that ends past its failing lines"] = (p => Add(WideCluster(p)[1]!, 1), "its failing lines at"),
        ["a failing line outside every cluster"] = (p => ((JsonObject)Files(p)[0]!["lines"]!)["100"] = Convert.ToBase64String(OneBit(7)), "failing line 409607"),
        ["line 0 marked as failing"] = (p =>
        {
            var lines = (JsonObject)Files(p)[0]!["lines"]!;
            var chunk = Convert.FromBase64String(lines["0"]!.GetValue<string>());
            chunk[0] |= 1;
            lines["0"] = Convert.ToBase64String(chunk);
        }, "marks line 0"),
        ["a skipped page of an input no run read"] = (p => p["skipped"] = JsonNode.Parse("""[{"source":"elsewhere.json","page":1,"byteOffset":0,"record":0,"reason":"r","action":"a"}]"""), "'skipped' names an input that none of the runs read"),
        ["a skipped page before the first"] = (p => p["skipped"] = JsonNode.Parse("""[{"source":"page-00001.json","page":0,"byteOffset":0,"record":0,"reason":"r","action":"a"}]"""), "'skipped' holds a page before the first"),
        ["an import twice"] = (p => p["imports"] = JsonNode.Parse("""[{"id":"1","counters":{},"fileIds":[]},{"id":"1","counters":{},"fileIds":[]}]"""), "'imports' holds the import 1 twice"),
        ["an import without counters"] = (p => p["imports"] = JsonNode.Parse("""[{"id":"1","counters":null,"fileIds":[]}]"""), "The constructor parameter 'Counters'"),
        ["an import with a file id that is null"] = (p => p["imports"] = JsonNode.Parse("""[{"id":"1","counters":{},"fileIds":[null]}]"""), "'imports' holds an import without its id, counters or file ids"),
    };

    public static TheoryData<string> Kinds => [.. Forgeries.Keys];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void ForgedSnapshot_IsRefusedNamingTheDisagreement(string kind)
    {
        var (edit, problem) = Forgeries[kind];

        var error = Assert.Throws<SnapshotFormatException>(() => SnapshotBytes.Read(Forge(Sample.Value, edit), name: "forged.snap"));

        Assert.StartsWith("The snapshot 'forged.snap' is not a valid snapshot although its checksum matches: ", error.Message, StringComparison.Ordinal);
        Assert.True(error.Message.Contains(problem, StringComparison.Ordinal), error.Message);
    }

    [Fact]
    public void TheSampleUnforged_IsRead() => Assert.Equal(600, SnapshotBytes.Read(Sample.Value).CreateReport().Totals.Errors);

    [Fact]
    public async Task ForgedSnapshot_MergeExitsWith12()
    {
        using var temp = new TempDirectory();
        var path = temp.File("forged.snap", Forge(Sample.Value, Forgeries["error types that do not add up to the errors"].Edit));
        var stderr = new StringWriter();

        var code = await IeaCommand.RunAsync(["merge", path], new StringWriter(), stderr);

        Assert.Equal(ExitCodes.SnapshotUnreadable, code);
        Assert.Contains("its states disagree: the counts of 'errorTypes' add up to 601 errors", stderr.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Every count a snapshot holds is tied to others: changing any one of them, by any amount, is refused.</summary>
    [Property(MaxTest = 60)]
    public Property AnyOneCountChanged_IsRefused() =>
        Prop.ForAll(ErrorGenerators.ErrorsAndSeed, input =>
        {
            var bytes = SnapshotBytes.Write(SnapshotBytes.Of(AnalyzerRuns.Inputs(input.Errors, input.Seed)));
            var random = new Random(input.Seed);
            var payload = JsonNode.Parse(SnapshotBytes.Payload(bytes))!.AsObject();
            var counts = Counts(payload);
            for (var i = 0; i < 5; i++)
            {
                var count = counts[random.Next(counts.Count)];
                var delta = random.Next(1, 4) * (random.Next(2) == 0 ? 1 : -1);
                var forged = Forge(bytes, p => Add(Counts(p)[counts.IndexOf(count)], delta));
                Assert.Throws<SnapshotFormatException>(() => SnapshotBytes.Read(forged));
            }
        });

    private static byte[] Forge(byte[] snapshot, Action<JsonObject> edit)
    {
        var payload = JsonNode.Parse(SnapshotBytes.Payload(snapshot))!.AsObject();
        edit(payload);
        return SnapshotBytes.Signed(Encoding.UTF8.GetBytes(payload.ToJsonString() + "\n"));
    }

    /// <summary>Every number of the payload that counts something exactly (not pages or bytes, which nothing else counts).</summary>
    private static List<JsonNode> Counts(JsonObject payload)
    {
        var counts = new List<JsonNode> { payload["counters"]!["errors"]!, payload["counters"]!["inputs"]!, State(payload, "totals")["errors"]! };
        counts.AddRange(payload["runs"]!.AsArray().SelectMany(run => run!["inputs"]!.AsArray()).Select(input => input!["errors"]!));
        counts.AddRange(State(payload, "errorTypes")["counts"]!.AsArray().Select(pair => pair![1]!));
        counts.AddRange(State(payload, "objectTypes")["counts"]!.AsArray().Select(pair => pair![1]!));
        foreach (var column in Columns(payload))
        {
            counts.Add(column!["count"]!);
            counts.AddRange(column["errorTypes"]!.AsArray().Select(pair => pair![1]!));
        }

        foreach (var column in TopColumns(payload))
        {
            counts.Add(column!["total"]!);
            counts.AddRange(column["values"]!.AsArray().SelectMany(value => new[] { value![1]!, value[2]! }));
        }

        foreach (var file in Files(payload))
        {
            counts.AddRange([file!["errors"]!, file["fileWideErrors"]!, file["errorsWithoutLine"]!]);
            counts.AddRange(file["clusters"]!.AsArray().SelectMany(cluster => new[] { cluster![0]!, cluster[1]!, cluster[2]! }));
        }

        return counts;
    }

    private static JsonObject State(JsonObject payload, string aggregator) => payload["aggregators"]![aggregator]!["state"]!.AsObject();

    private static JsonArray Columns(JsonObject payload) => State(payload, "columns")["columns"]!.AsArray();

    private static JsonObject ColumnWithTwoTypes(JsonObject payload) => Columns(payload).First(c => c!["errorTypes"]!.AsArray().Count >= 2)!.AsObject();

    private static JsonArray TopColumns(JsonObject payload) => State(payload, "topInvalidValues")["columns"]!.AsArray();

    private static JsonArray Files(JsonObject payload) => State(payload, "lineClusters")["files"]!.AsArray();

    /// <summary>A cluster of the first file with at least two failing lines.</summary>
    private static JsonArray WideCluster(JsonObject payload) => Files(payload)[0]!["clusters"]!.AsArray().First(c => c![1]!.GetValue<long>() > c[0]!.GetValue<long>())!.AsArray();

    private static byte[] OneBit(int bit)
    {
        var chunk = new byte[512];
        chunk[bit / 8] |= (byte)(1 << (bit % 8));
        return chunk;
    }

    private static void Add(JsonNode number, long delta) => Set(number, number.GetValue<long>() + delta);

    private static void Set(JsonNode number, long value) => number.ReplaceWith(JsonValue.Create(value));
}
