using System.Text.Json;
using ImportErrorAnalytics.Cli;
using ImportErrorAnalytics.Tests.Support;

namespace ImportErrorAnalytics.Tests.Cli;

/// <summary><c>iea report --snapshot FILE</c> and <c>iea merge SNAPSHOT...</c> through the real command line.</summary>
public class SnapshotCommandTests
{
    private static string[] Pages => Directory.GetFiles(SamplePaths.ImportDirectory, "*.json").Order(StringComparer.Ordinal).ToArray();

    private static Task<(int Code, string Out, string Err)> Iea(params string[] args) => IeaWithStdin(null, args);

    private static async Task<(int Code, string Out, string Err)> IeaWithStdin(byte[]? stdin, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await IeaCommand.RunAsync(args, stdout, stderr, stdin is null ? null : () => new MemoryStream(stdin));
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs <c>iea report</c> over <paramref name="pages"/> with <c>--snapshot</c>; returns the snapshot's path.</summary>
    private static async Task<string> SnapshotAsync(TempDirectory temp, string name, IEnumerable<string> pages, params string[] options)
    {
        var path = Path.Combine(temp.Path, name);
        var (code, _, error) = await Iea(["report", "--input", .. pages, "--snapshot", path, "--out", path + ".json", .. options]);
        Assert.True(code == 0, error);
        return path;
    }

    /// <summary>A custom aggregator file whose state can be saved.</summary>
    private static string SavingAggregator => $$"""
        // {{Guid.NewGuid():N}}
        using System.Text.Json;
        using System.Text.Json.Serialization.Metadata;
        using ImportErrorAnalytics.Aggregation;
        using ImportErrorAnalytics.Model;

        public sealed class Tally
        {
            public long Count { get; set; }
        }

        public sealed class Lines : IErrorAggregator<Tally, long>, IPersistentErrorAggregator<Tally>
        {
            public string Name => "withLine";
            public JsonTypeInfo<long> ResultTypeInfo => (JsonTypeInfo<long>)JsonSerializerOptions.Default.GetTypeInfo(typeof(long));
            public Tally CreateState() => new();
            public void Add(Tally state, in ImportErrorRecord record)
            {
                if (record.LineNumber is not null)
                {
                    state.Count++;
                }
            }
            public void Merge(Tally into, Tally other) => into.Count += other.Count;
            public long GetResult(Tally state) => state.Count;
            public void WriteState(Tally state, Utf8JsonWriter writer) => writer.WriteNumberValue(state.Count);
            public Tally ReadState(JsonElement json) => new() { Count = json.GetInt64() };
        }
        """;

    [Fact]
    public async Task SnapshotsOfTwoHalves_MergeIntoTheReportOfOneRun()
    {
        using var temp = new TempDirectory();
        var first = await SnapshotAsync(temp, "first.snap", Pages[..3]);
        var second = await SnapshotAsync(temp, "second.snap", Pages[3..]);
        var (_, whole, _) = await Iea(["report", "--input", .. Pages]);

        var (code, merged, error) = await Iea("merge", second, first);

        Assert.True(code == 0, error);
        Assert.Equal(whole, merged);
        Assert.Equal(600, JsonDocument.Parse(merged).RootElement.GetProperty("totals").GetProperty("errors").GetInt64());
    }

    [Fact]
    public async Task ReportWithSnapshot_WritesTheSameReportAsWithout()
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "run.snap");

        var (code, withSnapshot, error) = await Iea("report", "--input", SamplePaths.ImportDirectory, "--snapshot", path, "--format", "markdown");
        var (_, without, _) = await Iea("report", "--input", SamplePaths.ImportDirectory, "--format", "markdown");

        Assert.True(code == 0, error);
        Assert.Equal(without, withSnapshot);
        Assert.StartsWith("{\"format\":\"iea-snapshot\",\"version\":3,", File.ReadAllText(path), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Merge_WritesMarkdownToOut_AndItsOwnSnapshot_WhichMergesFurther()
    {
        using var temp = new TempDirectory();
        var pieces = new List<string>();
        for (var i = 0; i < Pages.Length; i++)
        {
            pieces.Add(await SnapshotAsync(temp, $"page-{i}.snap", [Pages[i]]));
        }

        var markdown = Path.Combine(temp.Path, "merged.md");
        var partial = Path.Combine(temp.Path, "partial.snap");
        var (code, output, error) = await Iea(["merge", .. pieces[..4], "--format", "markdown", "--out", markdown, "--snapshot", partial]);
        var (_, all, _) = await Iea(["merge", partial, .. pieces[4..]]);
        var (_, whole, _) = await Iea(["report", "--input", SamplePaths.ImportDirectory]);

        Assert.True(code == 0, error);
        Assert.Empty(output);
        Assert.StartsWith("# Import errors", File.ReadAllText(markdown), StringComparison.Ordinal);
        Assert.Equal(whole, all);
    }

    [Fact]
    public async Task TheSameSnapshotTwice_ExitsWithThirteen()
    {
        using var temp = new TempDirectory();
        var a = await SnapshotAsync(temp, "a.snap", Pages[..2]);
        var b = await SnapshotAsync(temp, "b.snap", Pages[2..]);
        var ab = Path.Combine(temp.Path, "ab.snap");
        Assert.Equal(0, (await Iea("merge", a, b, "--snapshot", ab)).Code);

        var (twice, output, error) = await Iea("merge", a, a);
        var (piece, _, pieceError) = await Iea("merge", ab, b);

        Assert.Equal(ExitCodes.SnapshotsIncompatible, twice);
        Assert.Empty(output);
        Assert.Contains($"iea: Cannot merge '{a}' and '{a}': both hold run", error, StringComparison.Ordinal);
        Assert.Contains("counted twice", error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.SnapshotsIncompatible, piece);
        Assert.Contains("counted twice", pieceError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OneFileUnderAnotherNameAndPath_ExitsWithThirteen_NamingBothSnapshotsAndInputs()
    {
        using var temp = new TempDirectory();
        var copy = Path.Combine(Directory.CreateDirectory(Path.Combine(temp.Path, "copies")).FullName, "renamed.json");
        File.Copy(Pages[1], copy);
        var a = await SnapshotAsync(temp, "a.snap", Pages[..2]);
        var b = await SnapshotAsync(temp, "b.snap", [copy, .. Pages[2..]]);

        var (code, output, error) = await Iea("merge", a, b);

        Assert.Equal(ExitCodes.SnapshotsIncompatible, code);
        Assert.Empty(output);
        // The merge names the snapshots in its run order (by input names), whichever comes first.
        Assert.Contains("both hold the same input, ", error, StringComparison.Ordinal);
        Assert.Contains($"'{Pages[1]}' in '{a}'", error, StringComparison.Ordinal);
        Assert.Contains($"'{copy}' in '{b}'", error, StringComparison.Ordinal);
        Assert.Contains($"(the same content: {new FileInfo(copy).Length:N0} bytes, XXH128 ", error, StringComparison.Ordinal);
        Assert.Contains("so its errors would be counted twice", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StandardInputAndAFile_WithOneContent_ExitWithThirteen()
    {
        using var temp = new TempDirectory();
        var fromFile = await SnapshotAsync(temp, "file.snap", Pages[..1]);
        var fromStdin = Path.Combine(temp.Path, "stdin.snap");
        Assert.Equal(0, (await IeaWithStdin(File.ReadAllBytes(Pages[0]), "report", "--input", "-", "--snapshot", fromStdin, "--out", fromStdin + ".json")).Code);

        var (code, _, error) = await Iea("merge", fromStdin, fromFile);

        Assert.Equal(ExitCodes.SnapshotsIncompatible, code);
        Assert.Contains($"'{Pages[0]}' in '{fromFile}'", error, StringComparison.Ordinal);
        Assert.Contains($"'stdin' in '{fromStdin}'", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OneContentTwiceInOneRun_IsCountedAsGivenWithAWarning_AndItsSnapshotIsRefusedByMerge()
    {
        using var temp = new TempDirectory();
        var copy = temp.File("copy-of-first.json", File.ReadAllBytes(Pages[0]));
        var path = Path.Combine(temp.Path, "twice.snap");

        var (reported, report, warning) = await Iea("report", "--input", Pages[0], copy, "--snapshot", path);
        var (merged, _, error) = await Iea("merge", path);

        Assert.Equal(ExitCodes.Success, reported);
        Assert.Equal(200, JsonDocument.Parse(report).RootElement.GetProperty("totals").GetProperty("errors").GetInt64());
        Assert.Contains($"iea: warning: The inputs '{Pages[0]}' and '{copy}' hold the same content, so its 100 errors are counted twice in this run", warning, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.SnapshotsIncompatible, merged);
        Assert.Contains($"iea: Cannot merge '{path}': it holds the same input twice", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DifferentDistinctCapacities_ExitWithThirteenNamingTheOption()
    {
        using var temp = new TempDirectory();
        var a = await SnapshotAsync(temp, "a.snap", Pages[..2], "--distinct-capacity", "5");
        var b = await SnapshotAsync(temp, "b.snap", Pages[2..]);

        var (code, _, error) = await Iea("merge", a, b);

        Assert.Equal(ExitCodes.SnapshotsIncompatible, code);
        Assert.Contains("distinctCapacity (--distinct-capacity): 5 and 10000", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TruncatedCorruptedOrForeignFiles_ExitWithTwelve_AndAMissingOneWithThree()
    {
        using var temp = new TempDirectory();
        var good = await SnapshotAsync(temp, "good.snap", Pages[..1]);
        var bytes = File.ReadAllBytes(good);
        var truncated = temp.File("truncated.snap", bytes[..(bytes.Length / 2)]);
        bytes[^20] ^= 0x10;
        var corrupted = temp.File("corrupted.snap", bytes);

        var results = new List<(int Code, string Out, string Err)>();
        foreach (var path in new[] { truncated, corrupted, good + ".json" })
        {
            results.Add(await Iea("merge", path));
        }

        var (missing, _, missingError) = await Iea("merge", Path.Combine(temp.Path, "nope.snap"));

        Assert.All(results, r => Assert.Equal(ExitCodes.SnapshotUnreadable, r.Code));
        Assert.Contains("is truncated", results[0].Err, StringComparison.Ordinal);
        Assert.Contains("is corrupted", results[1].Err, StringComparison.Ordinal);
        Assert.Contains("is not an iea snapshot", results[2].Err, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.InputNotFound, missing);
        Assert.Contains("nope.snap", missingError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SnapshotWithAnAggregatorThatCannotSave_ExitsWithTwoNamingIt()
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "x.snap");

        var (code, output, error) = await Iea("report", "--input", SamplePaths.ImportDirectory, "--aggregator", SamplePaths.AggregatorSample, "--snapshot", path);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Empty(output);
        Assert.Contains("'errorsPerObjectType' cannot (implement IPersistentErrorAggregator<TState>)", error, StringComparison.Ordinal);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task CustomAggregatorStates_MergeWithTheirAggregatorFile_AndAreRefusedWithout()
    {
        using var temp = new TempDirectory();
        var source = temp.File("Lines.cs", SavingAggregator);
        var a = await SnapshotAsync(temp, "a.snap", Pages[..3], "--aggregator", source);
        var b = await SnapshotAsync(temp, "b.snap", Pages[3..], "--aggregator", source);
        var (_, whole, _) = await Iea("report", "--input", SamplePaths.ImportDirectory, "--aggregator", source);

        var (code, merged, error) = await Iea("merge", a, b, "--aggregator", source);
        var (without, _, withoutError) = await Iea("merge", a, b);

        Assert.True(code == 0, error);
        Assert.Equal(whole, merged);
        Assert.True(JsonDocument.Parse(merged).RootElement.GetProperty("custom").GetProperty("withLine").GetInt64() > 0);
        Assert.Equal(ExitCodes.SnapshotsIncompatible, without);
        Assert.Contains("the aggregator 'withLine', which was not given to read it (iea merge: pass the --aggregator FILE", withoutError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gates_ApplyToTheMergedReport()
    {
        using var temp = new TempDirectory();
        var a = await SnapshotAsync(temp, "a.snap", Pages[..3]);
        var b = await SnapshotAsync(temp, "b.snap", Pages[3..]);

        var (tripped, _, error) = await Iea("merge", a, b, "--fail-if-errors", "599");
        var (passed, _, _) = await Iea("merge", a, b, "--fail-if-errors", "600");
        var (unavailable, _, _) = await Iea("merge", a, b, "--fail-if-error-rate", "5%");

        Assert.Equal(ExitCodes.GateTripped, tripped);
        Assert.Contains("gate tripped: 600 errors, more than the 599 allowed", error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Success, passed);
        Assert.Equal(ExitCodes.GateUnavailable, unavailable);
    }

    [Fact]
    public async Task MalformedInput_WritesNoSnapshot()
    {
        using var temp = new TempDirectory();
        var bad = temp.File("bad.json", """{"results":[{"id":"x","sourceData":{"lineNumber":"seven"}}]}""");
        var path = Path.Combine(temp.Path, "bad.snap");

        var (code, _, error) = await Iea("report", "--input", bad, "--snapshot", path);

        Assert.Equal(ExitCodes.MalformedData, code);
        Assert.Contains("no snapshot was written", error, StringComparison.Ordinal);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task MergeWithoutSnapshots_IsAUsageError()
    {
        var (code, _, error) = await Iea("merge");

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("iea:", error, StringComparison.Ordinal);
    }
}
