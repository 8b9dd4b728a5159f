using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ImportErrorAnalytics.Cli;
using ImportErrorAnalytics.Model;
using ImportErrorAnalytics.Parsing;
using ImportErrorAnalytics.Pipeline;
using ImportErrorAnalytics.Snapshots;
using ImportErrorAnalytics.Testing;
using ImportErrorAnalytics.Tests.Support;

namespace ImportErrorAnalytics.Tests.Snapshots;

/// <summary>
/// Forged snapshots, whose checksum matches: states that disagree with each other or with the counters are refused
/// (<see cref="SnapshotFormatException"/>, exit 12), one test per kind of disagreement (the other rows past the limit of
/// distinct keys included), and any single count changed anywhere is refused.
/// </summary>
public class SnapshotConsistencyTests
{
    private static readonly Lazy<byte[]> Sample = new(() => SampleSnapshot(null));

    /// <summary>The sample with one distinct key of each kind kept apart: every table but 'objectTypes' has an other row.</summary>
    private static readonly Lazy<byte[]> Limited = new(() => SampleSnapshot(o => o.MaxDistinctKeys = 1));

    private static readonly Dictionary<string, (Action<JsonObject> Edit, string Problem)> Forgeries = new()
    {
        ["error types that do not add up to the errors"] = (p => Add(State(p, "errorTypes")["counts"]![0]![1]!, 1), "the counts of 'errorTypes' add up to 601 errors, not the 600 the totals count"),

        // The state's reader refuses a count that is not positive before the states are compared.
        ["a negative error-type count"] = (p => Set(State(p, "errorTypes")["counts"]![0]![1]!, -5), "the state of the aggregator 'errorTypes' cannot be read: 'counts' holds a count that is not positive"),
        ["error types moved between types"] = (p =>
        {
            Add(State(p, "errorTypes")["counts"]![0]![1]!, 1);
            Add(State(p, "errorTypes")["counts"]![1]![1]!, -1);
        }, "'errorTypes' counts"),
        ["errors of unknown types that the error types do not count"] = (p => Add(State(p, "totals")["unknownErrorTypeErrors"]!, 1), "'totals' counts 5 errors of types HubSpot does not document, 'errorTypes' 4"),
        ["column counts that do not add up"] = (p =>
        {
            Add(ColumnWithTwoTypes(p)["count"]!, 1);
            Add(ColumnWithTwoTypes(p)["errorTypes"]![0]![1]!, 1);
        }, "the counts of 'columns' add up to 601 errors"),

        // The state's reader refuses a column that is not the sum of its error types before the states are compared.
        ["a column whose error types do not add up to it"] = (p => Add(ColumnWithTwoTypes(p)["errorTypes"]![0]![1]!, 1), "the state of the aggregator 'columns' cannot be read: A saved column's count is not positive, or is not the sum of its error types"),
        ["a column's errors moved to another type"] = (p => MoveOneError(Columns(p).Select(c => c!["errorTypes"]!.AsArray()).First(CanMoveOneError)), "the columns"),

        // The state's reader refuses a column number outside 32 bits before the states are compared.
        ["a column no record can have"] = (p => ((JsonObject)Columns(p)[0]!)["key"] = 4_294_967_296L, "the state of the aggregator 'columns' cannot be read: A saved column number, 4294967296, is not a 32-bit integer"),
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
        ["an over-count in an exact column"] = (p => Set(TopColumns(p).SelectMany(c => c!["values"]!.AsArray()).First(v => v![1]!.GetValue<long>() > 1)![2]!, 1), "a possible over-count of 1, but it is counted exactly"),
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
        ["a failing line outside every cluster"] = (p => AddLine(Files(p)[0]!, 409_607), "failing line 409607"),
        ["line 0 marked as failing"] = (p => AddLine(Files(p)[0]!, 0), "marks line 0"),
        ["a skipped page of an input no run read"] = (p => p["skipped"] = JsonNode.Parse("""[{"source":"elsewhere.json","page":1,"byteOffset":0,"record":0,"reason":"r","action":"a"}]"""), "'skipped' names an input that none of the runs read"),
        ["a skipped page before the first"] = (p => p["skipped"] = JsonNode.Parse("""[{"source":"page-00001.json","page":0,"byteOffset":0,"record":0,"reason":"r","action":"a"}]"""), "'skipped' holds a page before the first"),
        ["an import twice"] = (p => p["imports"] = JsonNode.Parse("""[{"id":"1","counters":{},"fileIds":[]},{"id":"1","counters":{},"fileIds":[]}]"""), "'imports' holds the import 1 twice"),
        ["an import without counters"] = (p => p["imports"] = JsonNode.Parse("""[{"id":"1","counters":null,"fileIds":[]}]"""), "The constructor parameter 'Counters'"),
        ["an import with a file id that is null"] = (p => p["imports"] = JsonNode.Parse("""[{"id":"1","counters":{},"fileIds":[null]}]"""), "'imports' holds an import without its id, counters or file ids"),
    };

    /// <summary>Forgeries of the sample run with one key of each kind kept apart, whose tables have other rows.</summary>
    private static readonly Dictionary<string, (Action<JsonObject> Edit, string Problem)> OtherRowForgeries = new()
    {
        ["an other row of error types that disagrees with the totals"] = (p => Add(State(p, "errorTypes")["other"]!, 1), "the counts of 'errorTypes' add up to 601 errors, not the 600 the totals count"),
        ["an undocumented name the columns keep, counted in the other row of error types"] = (p =>
        {
            var counts = State(p, "errorTypes")["counts"]!.AsArray();
            var kept = counts.Single(pair => !HubSpotNames.IsKnownErrorType(pair![0]!.GetValue<string>()))!;
            Add(State(p, "errorTypes")["other"]!, kept[1]!.GetValue<long>());
            counts.Remove(kept);
        }, "which 'errorTypes' counts in its other row though it keeps only 0 of its 1 undocumented names apart"),
        ["an other row of columns that disagrees with the totals"] = (p =>
        {
            Add(OtherColumns(p)["count"]!, 1);
            Add(OtherColumns(p)["errorTypes"]![0]![1]!, 1);
        }, "the counts of 'columns' add up to 601 errors, not the 600 the totals count"),
        ["an other row of columns whose errors moved to another type"] = (p => MoveOneError(OtherColumns(p)["errorTypes"]!.AsArray()), "'errorTypes' counts"),
        ["an other row of columns with room for more columns"] = (p =>
        {
            var kept = Columns(p)[0]!.AsObject();
            var other = OtherColumns(p);
            Add(other["count"]!, kept["count"]!.GetValue<long>());
            foreach (var pair in kept["errorTypes"]!.AsArray())
            {
                AddPair(other["errorTypes"]!.AsArray(), pair![0]!.GetValue<string>(), pair[1]!.GetValue<long>());
            }

            Columns(p).Remove(kept);
        }, "'columns' has an other row but keeps only 0 columns apart, fewer than its limit of 1"),
        ["a column kept apart in top values that 'columns' counts in its other row before its kept column"] = (p => ((JsonObject)TopColumns(p)[0]!)["key"] = 0, "'topInvalidValues' keeps column 0 apart, which 'columns' counts in its other row though it keeps column 1 apart"),
        ["more top values in columns past the kept one than the other row of columns has errors"] = (p =>
        {
            var column = (JsonObject)TopColumns(p)[0]!;
            column["key"] = 5;
            Add(column["total"]!, 1000);
            Add(column["values"]![0]![1]!, 1000);
        }, "values in columns that 'columns' counts in its other row, which has 579 errors"),
        ["an other row of top values with more values than the columns it stands for"] = (p =>
        {
            Add(TopOther(p)["total"]!, 1000);
            Add(TopOther(p)["values"]![0]![1]!, 1000);
        }, "values in its other row, more than the"),
        ["an other row of top values with room for more columns"] = (p =>
        {
            var kept = TopColumns(p)[0]!.AsObject();
            var other = TopOther(p);
            Add(other["total"]!, kept["total"]!.GetValue<long>());
            foreach (var value in kept["values"]!.AsArray())
            {
                AddPair(other["values"]!.AsArray(), value![0]!.GetValue<string>(), value[1]!.GetValue<long>(), error: 0);
            }

            TopColumns(p).Remove(kept);
        }, "'topInvalidValues' has an other row but keeps only 0 columns apart, fewer than its limit of 1"),
        ["an other row of files that disagrees with the totals"] = (p =>
        {
            Add(OtherFiles(p)["errors"]!, 1);
            Add(OtherFiles(p)["errorsWithoutLine"]!, 1);
        }, "the files of 'lineClusters' add up to 601 errors, not the 600 the totals count"),
        ["an other row of files with room for more files"] = (p =>
        {
            var kept = Files(p)[0]!.AsObject();
            foreach (var count in new[] { "errors", "fileWideErrors", "errorsWithoutLine" })
            {
                Add(OtherFiles(p)[count]!, kept[count]!.GetValue<long>());
            }

            Files(p).Remove(kept);
        }, "'lineClusters' has an other row but keeps only 0 files apart, fewer than its limit of 1"),
    };

    public static TheoryData<string> Kinds => [.. Forgeries.Keys];

    public static TheoryData<string> OtherRowKinds => [.. OtherRowForgeries.Keys];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void ForgedSnapshot_IsRefusedNamingTheDisagreement(string kind)
    {
        var (edit, problem) = Forgeries[kind];

        AssertRefused(Forge(Sample.Value, edit), problem);
    }

    [Theory]
    [MemberData(nameof(OtherRowKinds))]
    public void ForgedOtherRow_IsRefusedNamingTheDisagreement(string kind)
    {
        var (edit, problem) = OtherRowForgeries[kind];

        AssertRefused(Forge(Limited.Value, edit), problem);
    }

    [Fact]
    public void TheSampleUnforged_IsRead() => Assert.Equal(600, SnapshotBytes.Read(Sample.Value).CreateReport().Totals.Errors);

    [Fact]
    public void TheSampleWithOtherRowsUnforged_IsRead()
    {
        var report = SnapshotBytes.Read(Limited.Value).CreateReport();

        Assert.Equal(600, report.Totals.Errors);
        Assert.Equal(["errorTypes", "columns", "topInvalidValues", "lineClusters"], report.OtherRows!.Select(row => row.Table));
    }

    /// <summary>
    /// A merge keeps apart the undocumented names first in UTF-8 order of all it merges, each table of the names it
    /// holds: a column may keep apart a name that 'errorTypes' counts in its other row, and that is read back.
    /// </summary>
    [Fact]
    public void MergedStates_WhoseColumnKeepsANameTheErrorTypesCountAsOther_AreRead()
    {
        var merged = SnapshotBytes.Write(MergedNewTypes());

        var report = SnapshotBytes.Read(merged).CreateReport();

        Assert.Equal([("NEW_A", false), ("(other unknown)", true)], report.ErrorTypes.Select(t => (t.ErrorType, t.Other)));
        var otherColumns = report.Columns.Single(c => c.Other);
        Assert.Equal("NEW_B", Assert.Single(otherColumns.ErrorTypes).ErrorType);
    }

    /// <summary>... but not a name that comes before one 'errorTypes' keeps apart: that merge keeps the other name.</summary>
    [Fact]
    public void MergedStates_WithTheErrorTypesNamesSwapped_AreRefused()
    {
        var forged = Forge(SnapshotBytes.Write(MergedNewTypes()), p => State(p, "errorTypes")["counts"]![0]![0] = "NEW_B");

        AssertRefused(forged, "'columns' keeps the error type 'NEW_A' apart, which 'errorTypes' counts in its other row though it keeps the later name 'NEW_B' apart");
    }

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

    /// <summary>
    /// Every count a snapshot holds is tied to others: changing any one of them, by any amount, is refused. Half the runs
    /// keep one to three keys of each kind apart, so other rows are among the counts changed.
    /// </summary>
    [Property(MaxTest = 60)]
    public Property AnyOneCountChanged_IsRefused() =>
        Prop.ForAll(ErrorGenerators.ErrorsAndSeed, input =>
        {
            var limit = input.Seed % 2 == 0 ? AnalyzerOptions.DefaultMaxDistinctKeys : 1 + (input.Seed / 2 % 3);
            var bytes = SnapshotBytes.Write(SnapshotBytes.Of(AnalyzerRuns.Inputs(input.Errors, input.Seed), o => o.MaxDistinctKeys = limit));
            var random = new Random(input.Seed);
            var payload = JsonNode.Parse(SnapshotBytes.Payload(bytes))!.AsObject();
            var counts = Counts(payload);
            for (var i = 0; i < 5; i++)
            {
                var count = random.Next(counts.Count);
                var delta = random.Next(1, 4) * (random.Next(2) == 0 ? 1 : -1);
                var forged = Forge(bytes, p => Add(Counts(p)[count], delta));
                Assert.Throws<SnapshotFormatException>(() => SnapshotBytes.Read(forged));
            }
        });

    private static byte[] SampleSnapshot(Action<AnalyzerOptions>? configure) => SnapshotBytes.Write(SnapshotBytes.Of(
        Directory.GetFiles(SamplePaths.ImportDirectory, "*.json").Order(StringComparer.Ordinal)
            .Select(path => (Path.GetFileName(path), File.ReadAllBytes(path), InputFormat.Pages)),
        configure));

    /// <summary>Two runs keeping one key of each kind apart: NEW_A in column 1, NEW_B in column 2; merged.</summary>
    private static ReportSnapshot MergedNewTypes() => ReportSnapshot.Merge(
        new[] { ("a.ndjson", "NEW_A", 1), ("b.ndjson", "NEW_B", 2) }.Select(run => SnapshotBytes.Of(
            [(run.Item1, Encoding.UTF8.GetBytes($$"""{"errorType":"{{run.Item2}}","objectType":"CONTACT","knownColumnNumber":{{run.Item3}}}""" + "\n"), InputFormat.Ndjson)],
            o => o.MaxDistinctKeys = 1)));

    private static void AssertRefused(byte[] forged, string problem)
    {
        var error = Assert.Throws<SnapshotFormatException>(() => SnapshotBytes.Read(forged, name: "forged.snap"));

        Assert.StartsWith("The snapshot 'forged.snap' is not a valid snapshot although its checksum matches: ", error.Message, StringComparison.Ordinal);
        Assert.True(error.Message.Contains(problem, StringComparison.Ordinal), error.Message);
    }

    private static byte[] Forge(byte[] snapshot, Action<JsonObject> edit)
    {
        var payload = JsonNode.Parse(SnapshotBytes.Payload(snapshot))!.AsObject();
        edit(payload);
        return SnapshotBytes.Signed(Encoding.UTF8.GetBytes(payload.ToJsonString() + "\n"));
    }

    /// <summary>
    /// Every number of the payload that counts something exactly (not pages or bytes, which nothing else counts; not how
    /// the other row of files splits its errors between lines, file-wide and none, since it keeps no lines to check).
    /// </summary>
    private static List<JsonNode> Counts(JsonObject payload)
    {
        var totals = State(payload, "totals");
        var counts = new List<JsonNode> { payload["counters"]!["errors"]!, payload["counters"]!["inputs"]!, totals["errors"]!, totals["unknownErrorTypeErrors"]! };
        counts.AddRange(payload["runs"]!.AsArray().SelectMany(run => run!["inputs"]!.AsArray()).Select(input => input!["errors"]!));
        foreach (var names in new[] { State(payload, "errorTypes"), State(payload, "objectTypes") })
        {
            AddNameCounts(counts, names, "counts", "other");
        }

        foreach (var column in Columns(payload).Append(State(payload, "columns")["other"]).OfType<JsonNode>())
        {
            counts.Add(column["count"]!);
            AddNameCounts(counts, column.AsObject(), "errorTypes", "otherErrorTypes");
        }

        foreach (var column in TopColumns(payload).Append(State(payload, "topInvalidValues")["other"]).OfType<JsonNode>())
        {
            counts.Add(column["total"]!);
            counts.AddRange(column["values"]!.AsArray().SelectMany(value => new[] { value![1]!, value[2]! }));
        }

        foreach (var file in Files(payload))
        {
            counts.AddRange([file!["errors"]!, file["fileWideErrors"]!, file["errorsWithoutLine"]!]);
            counts.AddRange(file["clusters"]!.AsArray().SelectMany(cluster => new[] { cluster![0]!, cluster[1]!, cluster[2]! }));
        }

        if (State(payload, "lineClusters")["other"] is { } other)
        {
            counts.Add(other["errors"]!);
        }

        return counts;
    }

    private static void AddNameCounts(List<JsonNode> counts, JsonObject state, string property, string otherProperty)
    {
        counts.AddRange(state[property]!.AsArray().Select(pair => pair![1]!));
        if (state[otherProperty] is { } other)
        {
            counts.Add(other);
        }
    }

    private static JsonObject State(JsonObject payload, string aggregator) => payload["aggregators"]![aggregator]!["state"]!.AsObject();

    private static JsonArray Columns(JsonObject payload) => State(payload, "columns")["columns"]!.AsArray();

    private static JsonObject OtherColumns(JsonObject payload) => State(payload, "columns")["other"]!.AsObject();

    private static JsonObject ColumnWithTwoTypes(JsonObject payload) => Columns(payload).First(c => c!["errorTypes"]!.AsArray().Count >= 2)!.AsObject();

    private static JsonArray TopColumns(JsonObject payload) => State(payload, "topInvalidValues")["columns"]!.AsArray();

    private static JsonObject TopOther(JsonObject payload) => State(payload, "topInvalidValues")["other"]!.AsObject();

    private static JsonArray Files(JsonObject payload) => State(payload, "lineClusters")["files"]!.AsArray();

    private static JsonObject OtherFiles(JsonObject payload) => State(payload, "lineClusters")["other"]!.AsObject();

    /// <summary>A cluster of the first file with at least two failing lines.</summary>
    private static JsonArray WideCluster(JsonObject payload) => Files(payload)[0]!["clusters"]!.AsArray().First(c => c![1]!.GetValue<long>() > c[0]!.GetValue<long>())!.AsArray();

    private static bool CanMoveOneError(JsonArray types) => types.Count >= 2 && types.Any(pair => pair![1]!.GetValue<long>() > 1);

    /// <summary>Moves one error between two error types of a column (from one that keeps a positive count).</summary>
    private static void MoveOneError(JsonArray types)
    {
        Assert.True(CanMoveOneError(types));
        var from = types.First(pair => pair![1]!.GetValue<long>() > 1)!;
        Add(from[1]!, -1);
        Add(types.First(pair => !ReferenceEquals(pair, from))![1]!, 1);
    }

    /// <summary>Marks <paramref name="line"/> as failing in a file's saved lines, in the form its chunk has (a bitmap or offsets).</summary>
    private static void AddLine(JsonNode file, int line)
    {
        var lines = file["lines"]!.AsObject();
        var index = (line / 4096).ToString(CultureInfo.InvariantCulture);
        var offset = line % 4096;
        var chunk = lines[index] is { } saved ? Convert.FromBase64String(saved.GetValue<string>()) : [];
        if (chunk.Length == 512)
        {
            chunk[offset / 8] |= (byte)(1 << (offset % 8));
        }
        else
        {
            var offsets = Enumerable.Range(0, chunk.Length / 2).Select(i => (int)BinaryPrimitives.ReadUInt16LittleEndian(chunk.AsSpan(i * 2))).Append(offset).Order().ToArray();
            Assert.True(offsets.Length < 256, "the chunk would become a bitmap");
            chunk = new byte[offsets.Length * 2];
            for (var i = 0; i < offsets.Length; i++)
            {
                BinaryPrimitives.WriteUInt16LittleEndian(chunk.AsSpan(i * 2), (ushort)offsets[i]);
            }
        }

        lines[index] = Convert.ToBase64String(chunk);
    }

    /// <summary>Adds <paramref name="count"/> to the pair (name or value first) of <paramref name="name"/>, or appends it.</summary>
    private static void AddPair(JsonArray pairs, string name, long count, long? error = null)
    {
        if (pairs.FirstOrDefault(pair => pair![0]!.GetValue<string>() == name) is { } pair)
        {
            Add(pair[1]!, count);
        }
        else
        {
            pairs.Add(error is { } e ? new JsonArray(name, count, e) : new JsonArray(name, count));
        }
    }

    private static void Add(JsonNode number, long delta) => Set(number, number.GetValue<long>() + delta);

    private static void Set(JsonNode number, long value) => number.ReplaceWith(JsonValue.Create(value));
}
