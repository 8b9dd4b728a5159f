using System.Text;
using ImportErrorAnalytics.Parsing;
using ImportErrorAnalytics.Pipeline;
using ImportErrorAnalytics.Reporting;
using ImportErrorAnalytics.Snapshots;
using ImportErrorAnalytics.Testing;
using ImportErrorAnalytics.Tests.Support;
using Microsoft.Extensions.Logging;

namespace ImportErrorAnalytics.Tests.Snapshots;

/// <summary>
/// One input, counted once in a merge: snapshots keep each input's content fingerprint, and a merge refuses the same
/// content twice (renamed, moved, read from standard input) with both snapshots and both inputs named; different
/// content, or content that counted no error, merges. Forged fingerprint fields are refused when read.
/// </summary>
public class SnapshotInputContentTests
{
    private static readonly byte[] Page = Encoding.UTF8.GetBytes(
        """{"results":[{"id":"a","errorType":"INVALID_EMAIL","knownColumnNumber":2,"invalidValue":"bob@","sourceData":{"lineNumber":4}},{"id":"b","errorType":"INVALID_DATE"}]}""" + "\n");

    private static readonly byte[] OtherPage = Encoding.UTF8.GetBytes(
        """{"results":[{"id":"c","errorType":"INVALID_EMAIL","knownColumnNumber":2,"invalidValue":"eve@","sourceData":{"lineNumber":9}}]}""" + "\n");

    private static ReportSnapshot Of(string name, byte[] bytes, InputFormat format = InputFormat.Pages) => SnapshotBytes.Of([(name, bytes, format)]);

    private static ReportSnapshot Named(ReportSnapshot snapshot, string name) => SnapshotBytes.Read(SnapshotBytes.Write(snapshot), name: name);

    [Fact]
    public void TheSameBytesUnderTwoNames_InTwoSnapshots_AreRefusedNamingBoth()
    {
        var a = Named(Of("exports/day-1/page-00001.json", Page), "a.snap");
        var b = Named(Of("copies/renamed.json", Page), "b.snap");

        var error = Assert.Throws<SnapshotMismatchException>(() => ReportSnapshot.Merge([a, b]));

        Assert.Contains("'a.snap'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'b.snap'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'exports/day-1/page-00001.json' in 'a.snap'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'copies/renamed.json' in 'b.snap'", error.Message, StringComparison.Ordinal);
        Assert.Contains($"the same content: {Page.Length:N0} bytes, XXH128 ", error.Message, StringComparison.Ordinal);
        Assert.Contains("so its errors would be counted twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARenamedCopyOnDisk_AndStandardInput_AreTheSameInput()
    {
        using var temp = new TempDirectory();
        var original = temp.File("page-00001.json", Page);
        Directory.CreateDirectory(Path.Combine(temp.Path, "elsewhere"));
        var copy = Path.Combine(temp.Path, "elsewhere", "backup.json.txt");
        File.Copy(original, copy);

        var fromFile = await ImportErrorAnalyzer.CreateBuilder().AddPath(original).Build().RunToSnapshotAsync();
        var fromCopy = await ImportErrorAnalyzer.CreateBuilder().AddPath(copy).Build().RunToSnapshotAsync();
        var fromStdin = await ImportErrorAnalyzer.CreateBuilder().WithStandardInput(() => new MemoryStream(Page)).AddPath("-").Build().RunToSnapshotAsync();

        var renamed = Assert.Throws<SnapshotMismatchException>(() => ReportSnapshot.Merge([fromFile, fromCopy]));
        var piped = Assert.Throws<SnapshotMismatchException>(() => ReportSnapshot.Merge([SnapshotBytes.RoundTrip(fromStdin), fromFile]));

        Assert.Contains(UntrustedTextOf(copy), renamed.Message, StringComparison.Ordinal);
        Assert.Contains(UntrustedTextOf(original), renamed.Message, StringComparison.Ordinal);
        Assert.Contains("'stdin'", piped.Message, StringComparison.Ordinal);
        Assert.Contains(UntrustedTextOf(original), piped.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DifferentContent_Merges_EvenUnderTheSameName()
    {
        var a = Of("page.json", Page);
        var b = Of("page.json", OtherPage);
        var spaced = Of("page.json", [.. Page, (byte)' ']);

        var merged = ReportSnapshot.Merge([a, b, spaced]);

        Assert.Equal(5, merged.CreateReport().Totals.Errors);
    }

    [Fact]
    public void InputsThatCountedNoError_MayRepeat()
    {
        var empty = Encoding.UTF8.GetBytes("""{"results":[],"paging":null}""");
        var a = SnapshotBytes.Of([("day-1.json", empty, InputFormat.Pages), ("day-1-errors.json", Page, InputFormat.Pages)]);
        var b = SnapshotBytes.Of([("day-2.json", empty, InputFormat.Pages), ("day-2-errors.json", OtherPage, InputFormat.Pages)]);

        var merged = ReportSnapshot.Merge([a, b]);

        Assert.Equal(3, merged.CreateReport().Totals.Errors);
        Assert.Equal(2, merged.Runs.SelectMany(run => run.Inputs).Count(input => input.Errors == 0));
    }

    [Fact]
    public async Task OneRunGivenTheSameContentTwice_CountsBoth_Warns_AndItsSnapshotIsRefusedByAMerge()
    {
        var logger = new ListLogger();
        var builder = AnalyzerRuns.Builder([("a.json", Page, InputFormat.Pages), ("b.json", OtherPage, InputFormat.Pages), ("copy-of-a.json", Page, InputFormat.Pages)]);
        var snapshot = await builder.WithLogging(new ListLoggerFactory(logger)).Build().RunToSnapshotAsync();

        var error = Assert.Throws<SnapshotMismatchException>(() => ReportSnapshot.Merge([Named(snapshot, "twice.snap")]));

        Assert.Equal(5, snapshot.CreateReport().Totals.Errors);
        var warning = Assert.Single(logger.Messages);
        Assert.Contains("The inputs 'a.json' and 'copy-of-a.json' hold the same content, so its 2 errors are counted twice", warning, StringComparison.Ordinal);
        Assert.Contains("Cannot merge 'twice.snap': it holds the same input twice, 'a.json' and 'copy-of-a.json'", error.Message, StringComparison.Ordinal);
        Assert.Contains("counted twice in it", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARunOfDistinctInputs_DoesNotWarn()
    {
        var logger = new ListLogger();

        await AnalyzerRuns.Builder([("a.json", Page, InputFormat.Pages), ("b.json", OtherPage, InputFormat.Pages)])
            .WithLogging(new ListLoggerFactory(logger)).Build().RunAsync();

        Assert.Empty(logger.Messages);
    }

    [Fact]
    public void AMerge_KeepsTheFingerprintsOfItsPieces_SoAPieceAddedAgainUnderAnotherName_IsRefused()
    {
        var merged = SnapshotBytes.RoundTrip(ReportSnapshot.Merge([Of("a.json", Page), Of("b.json", OtherPage)]));

        var error = Assert.Throws<SnapshotMismatchException>(() => ReportSnapshot.Merge([merged, Of("renamed-b.json", OtherPage)]));

        Assert.Contains("'b.json'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'renamed-b.json'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SyntheticPieces_MergeAsBefore_WhenEachContentIsOnce()
    {
        var errors = new SyntheticImport(new SyntheticImportOptions { Seed = 11, Errors = 3_000, DistinctValuesPerColumn = 200 }).Generate().ToArray();
        var inputs = AnalyzerRuns.Inputs(errors, seed: 11);
        var whole = AnalyzerRuns.Run(inputs);

        var pieces = inputs.Select(input => SnapshotBytes.RoundTrip(SnapshotBytes.Of([input]))).ToList();

        Assert.Equal(JsonReport.ToJson(whole), JsonReport.ToJson(ReportSnapshot.Merge(pieces).CreateReport()));
    }

    [Fact]
    public async Task HubSpotImports_CarryNoFingerprint_TheirIdIdentifiesThem()
    {
        var import = FakeHubSpotRuns.Import(120);
        await using var server = await FakeHubSpotRuns.StartAsync(import);

        var snapshot = await FakeHubSpotRuns.Builder(server).Build().RunToSnapshotAsync();
        var payload = Encoding.UTF8.GetString(SnapshotBytes.Payload(SnapshotBytes.Write(snapshot)));

        var input = Assert.Single(snapshot.Runs[0].Inputs);
        Assert.Null(input.Fingerprint);
        Assert.Equal(120, input.Errors);
        Assert.DoesNotContain("xxh128", payload, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"xxh128\":\"", "\"xxh128\":\"0", "32 lowercase hexadecimal digits")]
    [InlineData("\"xxh128\":\"", "\"xxh128\":\"F", "32 lowercase hexadecimal digits")]
    [InlineData("\"xxh128\":\"", "\"xxh128\":7,\"x\":\"", "An input's 'xxh128' must be a string, not a number")]
    [InlineData("\"bytes\":", "\"bytes\":-", "'bytes' must be a whole number of at least 0")]
    [InlineData(",\"bytes\":", ",\"bites\":", "an input has one of 'bytes' and 'xxh128' without the other")]
    [InlineData(",\"xxh128\":", ",\"xxh\":", "an input has one of 'bytes' and 'xxh128' without the other")]
    [InlineData("\"name\":\"page.json\",\"errors\":2", "\"name\":\"page.json\",\"errors\":1", "the errors of the runs' inputs do not add up to 'counters.errors'")]
    [InlineData("\"name\":\"page.json\",\"errors\":2", "\"name\":\"page.json\",\"errors\":-2", "'errors' must be a whole number of at least 0")]
    [InlineData("\"name\":\"page.json\"", "\"name\":null", "'name' must be a string, not null")]
    [InlineData("\"inputs\":[{\"name\":\"page.json\"", "\"inputs\":[\"page.json\",{\"name\":\"page.json\"", "'name' is missing")]
    public void ForgedInputFields_AreRefusedWhenRead(string oldText, string newText, string problem)
    {
        var bytes = SnapshotBytes.Write(Of("page.json", Page));
        var forged = SnapshotBytes.Edited(bytes, oldText, newText);
        if (newText.StartsWith("\"inputs\":[\"page.json\"", StringComparison.Ordinal))
        {
            // Two inputs now: keep 'counters.inputs' true, so the input's own shape is what is refused.
            forged = SnapshotBytes.Edited(forged, "\"counters\":{\"inputs\":1", "\"counters\":{\"inputs\":2");
        }

        var error = Assert.Throws<SnapshotFormatException>(() => SnapshotBytes.Read(forged, name: "forged.snap"));

        Assert.StartsWith("The snapshot 'forged.snap' is not a valid snapshot although its checksum matches: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFingerprintCopiedIntoAnotherSnapshot_BlocksTheMerge_ButNeverChangesACount()
    {
        // What a forger who can write snapshots can do with fingerprints: refuse a merge (as copying a run id can),
        // never make one count an error twice or lose one.
        var a = SnapshotBytes.Write(Of("a.json", Page));
        var b = SnapshotBytes.Write(Of("b.json", OtherPage));
        string Fingerprint(byte[] snapshot) => System.Text.RegularExpressions.Regex.Match(Encoding.UTF8.GetString(snapshot), "\"bytes\":[0-9]+,\"xxh128\":\"[0-9a-f]{32}\"").Value;
        var forged = SnapshotBytes.Edited(b, Fingerprint(b), Fingerprint(a));

        Assert.Throws<SnapshotMismatchException>(() => ReportSnapshot.Merge([SnapshotBytes.Read(a), SnapshotBytes.Read(forged)]));
        Assert.Equal(1, SnapshotBytes.Read(forged).CreateReport().Totals.Errors);
    }

    private static string UntrustedTextOf(string path) => global::ImportErrorAnalytics.Escaping.UntrustedText.Quote(path);

    private sealed class ListLogger : ILogger
    {
        public List<string> Messages { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Warning)
            {
                lock (Messages)
                {
                    Messages.Add(formatter(state, exception));
                }
            }
        }
    }

    private sealed class ListLoggerFactory(ListLogger logger) : ILoggerFactory
    {
        public ILogger CreateLogger(string categoryName) => logger;

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public void Dispose()
        {
        }
    }
}
