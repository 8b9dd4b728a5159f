using System.Text;
using ImportErrorAnalytics.Parsing;
using ImportErrorAnalytics.Pipeline;
using ImportErrorAnalytics.Reporting;
using ImportErrorAnalytics.Snapshots;
using ImportErrorAnalytics.Testing;
using ImportErrorAnalytics.Tests.Pipeline;
using ImportErrorAnalytics.Tests.Support;

namespace ImportErrorAnalytics.Tests.Snapshots;

/// <summary>Merging snapshots: what is merged, what is refused and with which message.</summary>
public class SnapshotMergeTests
{
    private static string[] SampleFiles => Directory.GetFiles(SamplePaths.ImportDirectory, "*.json").Order(StringComparer.Ordinal).ToArray();

    private static ReportSnapshot SnapshotOfFiles(IEnumerable<string> files, Action<AnalyzerOptions>? configure = null)
    {
        var builder = ImportErrorAnalyzer.CreateBuilder();
        foreach (var file in files)
        {
            builder.AddPath(file);
        }

        return builder.Configure(configure ?? (_ => { })).Build().RunToSnapshotAsync().GetAwaiter().GetResult();
    }

    private static List<(string, byte[], InputFormat)> Synthetic(int errors, int seed, int pieces)
    {
        var import = new SyntheticImport(new SyntheticImportOptions { Seed = seed, Errors = errors, DistinctValuesPerColumn = 300, Files = 2 });
        var all = import.ToNdjsonBytes();
        var lines = Encoding.UTF8.GetString(all).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var per = (lines.Length + pieces - 1) / pieces;
        return Enumerable.Range(0, pieces)
            .Select(i => ($"part-{i:D2}.ndjson", Encoding.UTF8.GetBytes(string.Concat(lines.Skip(i * per).Take(per).Select(l => l + "\n"))), InputFormat.Ndjson))
            .ToList();
    }

    [Fact]
    public async Task SamplesSnapshottedFileByFile_MergeIntoTheReportOfOneRun()
    {
        var whole = await ImportErrorAnalyzer.CreateBuilder().AddPath(SamplePaths.ImportDirectory).Build().RunAsync();
        var pieces = SampleFiles.Select(file => SnapshotBytes.RoundTrip(SnapshotOfFiles([file]))).Reverse().ToList();

        var merged = ReportSnapshot.Merge(pieces);

        Assert.Equal(JsonReport.ToJson(whole), JsonReport.ToJson(merged.CreateReport()));
        Assert.Equal(6, merged.RunIds.Count);
    }

    [Fact]
    public void RunToSnapshot_GivesTheReportRunAsyncGives()
    {
        var inputs = Synthetic(2_000, 3, 3);

        var report = AnalyzerRuns.Run(inputs);
        var snapshot = SnapshotBytes.Of(inputs);

        Assert.Equal(JsonReport.ToJson(report), JsonReport.ToJson(snapshot.CreateReport()));
        Assert.Equal(JsonReport.ToJson(report), JsonReport.ToJson(SnapshotBytes.RoundTrip(snapshot).CreateReport()));
    }

    [Fact]
    public void Merge_LeavesItsArgumentsAsTheyWere()
    {
        var inputs = Synthetic(3_000, 5, 2);
        var a = SnapshotBytes.Of(inputs.Take(1), o => o.DistinctCapacity = 50);
        var b = SnapshotBytes.Of(inputs.Skip(1), o => o.DistinctCapacity = 50);
        var before = JsonReport.ToJson(a.CreateReport());

        var first = JsonReport.ToJson(ReportSnapshot.Merge([a, b]).CreateReport());
        var second = JsonReport.ToJson(ReportSnapshot.Merge([a, b]).CreateReport());

        Assert.Equal(before, JsonReport.ToJson(a.CreateReport()));
        Assert.Equal(first, second);
    }

    [Fact]
    public void Merge_IsIndependentOfArgumentOrder_EvenPastTheDistinctCapacity()
    {
        var inputs = Synthetic(4_000, 8, 4);
        var pieces = inputs.Select(input => SnapshotBytes.Of([input], o => o.DistinctCapacity = 20)).ToList();

        var forward = ReportSnapshot.Merge(pieces).CreateReport();
        var backward = ReportSnapshot.Merge(Enumerable.Reverse(pieces)).CreateReport();

        Assert.Contains(forward.TopInvalidValues, column => !column.Exact);
        Assert.Equal(JsonReport.ToJson(forward), JsonReport.ToJson(backward));
    }

    [Fact]
    public void Merge_OfTheSameRunTwice_IsRefused()
    {
        var a = SnapshotBytes.Of(Synthetic(100, 1, 1));
        var copy = SnapshotBytes.RoundTrip(a);

        var error = Assert.Throws<SnapshotMismatchException>(() => ReportSnapshot.Merge([a, copy]));

        Assert.Contains($"both hold run {a.RunIds[0]}", error.Message, StringComparison.Ordinal);
        Assert.Contains("counted twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ASnapshotListingOneRunTwice_IsRefusedWhenRead()
    {
        var inputs = Synthetic(100, 2, 2);
        var merged = SnapshotBytes.Write(ReportSnapshot.Merge([SnapshotBytes.Of(inputs.Take(1)), SnapshotBytes.Of(inputs.Skip(1))]));
        var payload = Encoding.UTF8.GetString(SnapshotBytes.Payload(merged));
        var ids = System.Text.RegularExpressions.Regex.Matches(payload, "\"id\":\"([0-9a-f-]{36})\"").Select(m => m.Groups[1].Value).ToList();

        var error = Assert.Throws<SnapshotFormatException>(() => SnapshotBytes.Read(SnapshotBytes.Edited(merged, ids[1], ids[0])));

        Assert.Contains("'runs' lists a run id twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Merge_OfAMergeWithOneOfItsPieces_IsRefused()
    {
        var inputs = Synthetic(300, 2, 3);
        var pieces = inputs.Select(input => SnapshotBytes.Of([input])).ToList();
        var firstTwo = ReportSnapshot.Merge(pieces.Take(2));

        var error = Assert.Throws<SnapshotMismatchException>(() => ReportSnapshot.Merge([firstTwo, pieces[2], pieces[1]]));

        Assert.Contains(pieces[1].RunIds[0].ToString(), error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("distinctCapacity (--distinct-capacity): 10000 and 7")]
    [InlineData("clusterGap (--cluster-gap): 10 and 7")]
    [InlineData("top (--top): 10 and 7")]
    [InlineData("maxClusters (--max-clusters): all and 7")]
    [InlineData("valueDisplayLength: 200 and 7")]
    [InlineData("maskValues (--redact-values): off and on")]
    [InlineData("showStandardSensitivity (--show-standard-sensitivity): off and on")]
    public void Merge_WithDifferentSettings_IsRefusedNamingTheSetting(string difference)
    {
        var inputs = Synthetic(200, 4, 2);
        Action<AnalyzerOptions> change = difference.Split(' ')[0] switch
        {
            "distinctCapacity" => o => o.DistinctCapacity = 7,
            "clusterGap" => o => o.ClusterGap = 7,
            "top" => o => o.Top = 7,
            "maxClusters" => o => o.MaxClusters = 7,
            "valueDisplayLength:" => o => o.ValueDisplayLength = 7,
            "showStandardSensitivity" => o => o.ShowStandardSensitivity = true,
            _ => o => o.MaskValues = true,
        };
        var a = SnapshotBytes.Of(inputs.Take(1));
        var b = SnapshotBytes.Of(inputs.Skip(1), change);

        var error = Assert.Throws<SnapshotMismatchException>(() => ReportSnapshot.Merge([b, a]));

        Assert.Contains(difference, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Merge_OfTwoSnapshotsOfOneImport_IsRefused()
    {
        const string Import = """
            "imports":[{"id":"42","name":null,"state":"DONE","createdAt":null,"updatedAt":null,"counters":{"TOTAL_ROWS":1000},"fileIds":[]}]
            """;
        var inputs = Synthetic(200, 4, 2);
        var a = SnapshotBytes.Read(SnapshotBytes.Edited(SnapshotBytes.Write(SnapshotBytes.Of(inputs.Take(1))), "\"imports\":[]", Import), name: "a.snap");
        var b = SnapshotBytes.Read(SnapshotBytes.Edited(SnapshotBytes.Write(SnapshotBytes.Of(inputs.Skip(1))), "\"imports\":[]", Import), name: "b.snap");

        var report = a.CreateReport();
        var error = Assert.Throws<SnapshotMismatchException>(() => ReportSnapshot.Merge([a, b]));

        Assert.Equal("42", Assert.Single(report.Sources).ImportId);
        Assert.Equal((double)report.Totals.Errors / 1000, report.Sources[0].ErrorRate);
        Assert.Contains("both hold HubSpot import '42'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HubSpotRuns_KeepTheirImport_AndTwoRunsOfOneImportAreRefused()
    {
        var import = FakeHubSpotRuns.Import(500);
        await using var server = await FakeHubSpotRuns.StartAsync(import);

        var report = await FakeHubSpotRuns.Builder(server).Build().RunAsync();
        var first = SnapshotBytes.RoundTrip(await FakeHubSpotRuns.Builder(server).Build().RunToSnapshotAsync());
        var second = await FakeHubSpotRuns.Builder(server).Build().RunToSnapshotAsync();

        Assert.Equal(JsonReport.ToJson(report), JsonReport.ToJson(first.CreateReport()));
        Assert.Equal(FakeHubSpotRuns.ImportId, Assert.Single(first.CreateReport().Sources).ImportId);
        var error = Assert.Throws<SnapshotMismatchException>(() => ReportSnapshot.Merge([first, second]));
        Assert.Contains($"both hold HubSpot import '{FakeHubSpotRuns.ImportId}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void KeepGoingRuns_MergeTheirSkippedInputs()
    {
        var good = Synthetic(40, 6, 2);
        var bad = ("part-01-bad.json", Encoding.UTF8.GetBytes("""{"results":[{"id":"x"}]} {"results":[{"id":"y","sourceData":{"fileId":"1"}}]}"""), InputFormat.Pages);
        List<(string, byte[], InputFormat)> inputs = [good[0], bad, good[1]];
        void KeepGoing(AnalyzerOptions o) => o.KeepGoing = true;

        var single = AnalyzerRuns.Run(inputs, KeepGoing);
        var merged = ReportSnapshot.Merge([SnapshotBytes.Of(inputs.Skip(1), KeepGoing), SnapshotBytes.RoundTrip(SnapshotBytes.Of(inputs.Take(1), KeepGoing))]).CreateReport();

        Assert.Single(single.Skipped);
        Assert.Equal(JsonReport.ToJson(single), JsonReport.ToJson(merged));
    }

    [Fact]
    public async Task CustomAggregatorStates_AreSnapshottedAndMerged()
    {
        var inputs = Synthetic(500, 9, 2);
        var single = await AnalyzerRuns.Builder(inputs).AddAggregator(new SavedCountAggregator()).Build().RunAsync();
        var pieces = inputs.ConvertAll(input => AnalyzerRuns.Builder([input]).AddAggregator(new SavedCountAggregator()).Build().RunToSnapshotAsync().GetAwaiter().GetResult());
        var reader = new SnapshotReader().AddAggregator(new SavedCountAggregator());

        var merged = ReportSnapshot.Merge(pieces.Select(piece => SnapshotBytes.RoundTrip(piece, reader))).CreateReport();

        Assert.Equal(500, merged.Custom["savedCount"].GetValue<CountResult>()!.Count);
        Assert.Equal(JsonReport.ToJson(single), JsonReport.ToJson(merged));
    }

    [Fact]
    public async Task ABuildersSnapshotReader_ReadsTheSnapshotsOfRunsBuiltTheSameWay_AndRefusesWhatCouldNotBeRead()
    {
        var inputs = Synthetic(200, 4, 2);
        var builder = AnalyzerRuns.Builder(inputs).AddAggregator(new SavedCountAggregator());
        var piece = await builder.Build().RunToSnapshotAsync();

        var read = SnapshotBytes.RoundTrip(piece, builder.CreateSnapshotReader()).CreateReport();

        Assert.Equal(200, read.Custom["savedCount"].GetValue<CountResult>()!.Count);
        var unsaved = Assert.Throws<ArgumentException>(() => AnalyzerRuns.Builder(inputs).AddAggregator(new ErrorCountAggregator()).CreateSnapshotReader());
        Assert.Contains("does not implement IPersistentErrorAggregator", unsaved.Message, StringComparison.Ordinal);
        var twice = Assert.Throws<ArgumentException>(() => AnalyzerRuns.Builder(inputs).AddAggregator(new SavedCountAggregator()).AddAggregator(new SavedCountAggregator()).CreateSnapshotReader());
        Assert.Contains("Two aggregators are named 'savedCount'", twice.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RunToSnapshot_WithAnAggregatorThatCannotSave_IsRefusedBeforeReading()
    {
        var analyzer = AnalyzerRuns.Builder(Synthetic(10, 1, 1)).AddAggregator(new ErrorCountAggregator()).Build();

        var error = Assert.Throws<NotSupportedException>(() => { _ = analyzer.RunToSnapshotAsync(); });

        Assert.Contains("'errorsPerFile'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reader_RefusesAnAggregatorThatCannotRead()
    {
        var error = Assert.Throws<ArgumentException>(() => new SnapshotReader().AddAggregator(new ErrorCountAggregator()));

        Assert.Contains("'errorsPerFile'", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new SnapshotReader().AddAggregator(new SavedCountAggregator("columns")));
    }

    [Fact]
    public async Task Reading_WithoutTheCustomAggregator_OrWithOneTheSnapshotLacks_IsAMismatch()
    {
        var withCustom = SnapshotBytes.Write(await AnalyzerRuns.Builder(Synthetic(50, 1, 1)).AddAggregator(new SavedCountAggregator()).Build().RunToSnapshotAsync());
        var without = SnapshotBytes.Write(SnapshotBytes.Of(Synthetic(50, 1, 1)));

        var unknown = Assert.Throws<SnapshotMismatchException>(() => SnapshotBytes.Read(withCustom));
        var missing = Assert.Throws<SnapshotMismatchException>(() => SnapshotBytes.Read(without, new SnapshotReader().AddAggregator(new SavedCountAggregator())));

        Assert.Contains("the aggregator 'savedCount', which was not given", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("no state for the aggregator 'savedCount'", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AStateVersionThisBuildDoesNotRead_IsRefused()
    {
        var newer = SnapshotBytes.Write(await AnalyzerRuns.Builder(Synthetic(50, 1, 1)).AddAggregator(new SavedCountAggregator(stateVersion: 2)).Build().RunToSnapshotAsync());
        var builtIn = SnapshotBytes.Edited(SnapshotBytes.Write(SnapshotBytes.Of(Synthetic(50, 1, 1))), "\"lineClusters\":{\"stateVersion\":2", "\"lineClusters\":{\"stateVersion\":3");

        var custom = Assert.Throws<SnapshotFormatException>(() => SnapshotBytes.Read(newer, new SnapshotReader().AddAggregator(new SavedCountAggregator())));
        var line = Assert.Throws<SnapshotFormatException>(() => SnapshotBytes.Read(builtIn));

        Assert.Contains("version 2 of the state of the aggregator 'savedCount'; this build reads version 1", custom.Message, StringComparison.Ordinal);
        Assert.Contains("version 3 of the state of the aggregator 'lineClusters'", line.Message, StringComparison.Ordinal);
    }
}
