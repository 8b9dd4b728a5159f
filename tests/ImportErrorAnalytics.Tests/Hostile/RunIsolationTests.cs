using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Serialization.Metadata;
using ImportErrorAnalytics.Aggregation;
using ImportErrorAnalytics.Model;
using ImportErrorAnalytics.Parsing;
using ImportErrorAnalytics.Pipeline;
using ImportErrorAnalytics.Tests.Pipeline;

namespace ImportErrorAnalytics.Tests.Hostile;

/// <summary>
/// Names belong to a run: two runs (of two analyzers, or the same analyzer twice) intern in tables of their own, and
/// nothing keeps a run's table once the run is over, in the CLI, an embedding job or a silo alike.
/// </summary>
public class RunIsolationTests
{
    [Fact]
    public async Task TwoAnalyzers_InternInTablesOfTheirOwn()
    {
        var a = await TableOfRunAsync(new TableSpy(), "RUN_A_ONLY_TYPE");
        var b = await TableOfRunAsync(new TableSpy(), "RUN_B_ONLY_TYPE");

        Assert.NotSame(a, b);
        Assert.NotEqual(0, a.Find("RUN_A_ONLY_TYPE"u8));
        Assert.Equal(0, b.Find("RUN_A_ONLY_TYPE"u8));
        Assert.Equal(0, a.Find("RUN_B_ONLY_TYPE"u8));
        Assert.Equal(1, a.UnknownCount);
        Assert.Equal(1, b.UnknownCount);
    }

    [Fact]
    public async Task OneAnalyzerRunTwice_StartsEachRunFromTheDocumentedNamesOnly()
    {
        var spy = new TableSpy();
        var analyzer = Analyzer(spy, "RUN_TWICE_TYPE");

        await analyzer.RunAsync();
        var first = spy.Table!;
        await analyzer.RunAsync();
        var second = spy.Table!;

        Assert.NotSame(first, second);
        Assert.Equal(1, first.UnknownCount);
        Assert.Equal(1, second.UnknownCount);
    }

    [Fact]
    public async Task ARunsNameTable_IsNotKeptAfterTheRun()
    {
        var weak = await WeakTableOfRunAsync();

        for (var i = 0; i < 5 && weak.IsAlive; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true);
            GC.WaitForPendingFinalizers();
        }

        Assert.False(weak.IsAlive, "Something outlives the run and keeps its name table (and every name it read).");
    }

    [Fact]
    public async Task ARunPastTheLimit_DoesNotMakeAnotherRunBucketItsNames()
    {
        var first = await Run(Ndjson("FIRST_RUN_", 10));
        var second = await Run(Ndjson("SECOND_RUN_", 3));

        Assert.Contains(first.ErrorTypes, t => t.Other && t.Count == 7);
        Assert.DoesNotContain(second.ErrorTypes, t => t.Other);
        Assert.Equal(3, second.ErrorTypes.Count);

        static Task<ImportErrorAnalytics.Reporting.ImportErrorReport> Run(byte[] bytes) => ImportErrorAnalyzer.CreateBuilder()
            .AddStream("input", _ => ValueTask.FromResult<Stream>(new MemoryStream(bytes)), InputFormat.Ndjson)
            .Configure(o => o.MaxDistinctKeys = 3)
            .Build()
            .RunAsync();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static async Task<WeakReference> WeakTableOfRunAsync() => new(await TableOfRunAsync(new TableSpy(), "WEAK_TABLE_TYPE"));

    private static async Task<NameTable> TableOfRunAsync(TableSpy spy, string typeName)
    {
        await Analyzer(spy, typeName).RunAsync();
        return spy.Table ?? throw new InvalidOperationException("No record reached the spy.");
    }

    private static ImportErrorAnalyzer Analyzer(TableSpy spy, string typeName) => ImportErrorAnalyzer.CreateBuilder()
        .AddStream("input", _ => ValueTask.FromResult<Stream>(new MemoryStream(Ndjson(typeName, 1))), InputFormat.Ndjson)
        .AddAggregator(spy)
        .Build();

    private static byte[] Ndjson(string prefix, int count) =>
        Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, count).Select(i => $"{{\"errorType\":\"{prefix}{(count == 1 ? "" : i)}\"}}\n")));

    /// <summary>Notes the error type table the records of the last run came with.</summary>
    private sealed class TableSpy : IErrorAggregator<CountResult, CountResult>
    {
        public NameTable? Table { get; private set; }

        public string Name => "tableSpy";

        public JsonTypeInfo<CountResult> ResultTypeInfo => CustomResultContext.Default.CountResult;

        public CountResult CreateState() => new();

        public void Add(CountResult state, in ImportErrorRecord record)
        {
            Table = record.Names.ErrorTypes;
            state.Count++;
        }

        public void Merge(CountResult into, CountResult other) => into.Count += other.Count;

        public CountResult GetResult(CountResult state) => state;
    }
}
