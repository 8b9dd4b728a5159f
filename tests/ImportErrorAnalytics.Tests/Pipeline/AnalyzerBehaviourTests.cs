using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using ImportErrorAnalytics.Aggregation;
using ImportErrorAnalytics.Model;
using ImportErrorAnalytics.Parsing;
using ImportErrorAnalytics.Pipeline;
using ImportErrorAnalytics.Reporting;
using ImportErrorAnalytics.Testing;
using ImportErrorAnalytics.Tests.Shared;
using ImportErrorAnalytics.Tests.Support;

namespace ImportErrorAnalytics.Tests.Pipeline;

public class AnalyzerBehaviourTests
{
    private static readonly byte[] GoodPage = JsonText.Page(
        [new SyntheticError { Id = "a", ErrorType = "INVALID_EMAIL", FileId = 1, LineNumber = 3 }, new SyntheticError { Id = "b", ErrorType = "INVALID_EMAIL", FileId = 1, LineNumber = 4 }],
        after: "n");

    private static (string, byte[], InputFormat) Input(string name, string json) => (name, Encoding.UTF8.GetBytes(json), InputFormat.Pages);

    [Fact]
    public async Task MalformedInput_StopsTheRunAndKeepsWhatWasCommitted()
    {
        var inputs = new[] { ("good.json", GoodPage, InputFormat.Pages), Input("bad.json", """{"results":[{"id":"x","errorType":"INVALID_EMAIL"},{"knownColumnNumber":"3"}]}""") };

        var error = await Assert.ThrowsAsync<ImportErrorFormatException>(() => AnalyzerRuns.Builder(inputs, o => o.MaxDegreeOfParallelism = 1).Build().RunAsync());

        Assert.Equal("bad.json", error.SourceName);
        Assert.Equal(2, error.RecordNumber);
        var partial = Assert.IsType<ImportErrorReport>(error.PartialReport);
        Assert.False(partial.Complete);
        Assert.Equal(2, partial.Totals.Errors);
        Assert.Equal(2, Assert.Single(partial.ErrorTypes).Count);
    }

    [Fact]
    public async Task KeepGoing_SkipsTheBadPageListsItAndCountsTheRest()
    {
        var inputs = new[]
        {
            Input("bad.json", """{"results":[{"id":"x","errorType":"INVALID_EMAIL"}]} {"results":[{"id":"y"},{"sourceData":{"fileId":"1"}}]} {"results":[{"id":"z"}]}"""),
            ("good.json", GoodPage, InputFormat.Pages),
        };

        var report = await AnalyzerRuns.Builder(inputs, o => o.KeepGoing = true).Build().RunAsync();

        Assert.True(report.Complete);
        Assert.Equal(3, report.Totals.Errors);
        var skipped = Assert.Single(report.Skipped);
        Assert.Equal(("bad.json", 2, 2), (skipped.Source, skipped.Page, skipped.Record));
        Assert.Contains("sourceData.fileId", skipped.Reason, StringComparison.Ordinal);
        Assert.Equal(1, report.Totals.Skipped);
    }

    [Fact]
    public async Task KeepGoing_OnNdjson_SkipsOnlyTheBadLine()
    {
        var ndjson = Encoding.UTF8.GetBytes("{\"id\":\"a\"}\n{\"id\":\n{\"id\":\"c\"}\n");
        var report = await AnalyzerRuns.Builder([("e.ndjson", ndjson, InputFormat.Ndjson)], o => o.KeepGoing = true).Build().RunAsync();

        Assert.Equal(2, report.Totals.Errors);
        Assert.Equal(2, Assert.Single(report.Skipped).Page);
    }

    [Fact]
    public async Task Cancellation_StopsPromptlyWithOperationCanceled()
    {
        using var cancellation = new CancellationTokenSource();
        var builder = ImportErrorAnalyzer.CreateBuilder().AddStream("endless", _ => ValueTask.FromResult<Stream>(new EndlessPages(cancellation)));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => builder.Build().RunAsync(cancellation.Token));
    }

    [Fact]
    public async Task FailureInAStream_SurfacesTheFirstCause()
    {
        var builder = ImportErrorAnalyzer.CreateBuilder()
            .AddStream("ok", _ => ValueTask.FromResult<Stream>(new MemoryStream(GoodPage)))
            .AddStream("broken", _ => throw new IOException("disk on fire"));

        var error = await Assert.ThrowsAsync<IOException>(() => builder.Build().RunAsync());
        Assert.Equal("disk on fire", error.Message);
    }

    [Fact]
    public async Task CustomAggregator_AppearsInTheJsonReport()
    {
        var builder = AnalyzerRuns.Builder([("good.json", GoodPage, InputFormat.Pages)]).AddAggregator(new ErrorCountAggregator());

        var report = await builder.Build().RunAsync();
        using var json = JsonDocument.Parse(JsonReport.ToJson(report));

        Assert.Equal(2, json.RootElement.GetProperty("custom").GetProperty("errorsPerFile").GetProperty("count").GetInt64());
        Assert.Equal(2, report.Custom["errorsPerFile"].GetValue<CountResult>()!.Count);
    }

    [Fact]
    public void DuplicateAggregatorNames_AreRefused() =>
        Assert.Throws<ArgumentException>(() => ImportErrorAnalyzer.CreateBuilder().AddAggregator(new ErrorCountAggregator()).AddAggregator(new ErrorCountAggregator()).Build());

    [Fact]
    public void InvalidOptions_AreRefusedAtBuild() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ImportErrorAnalyzer.CreateBuilder().Configure(o => o.DistinctCapacity = 0).Build());

    [Fact]
    public void MissingPath_IsReported() =>
        Assert.Throws<FileNotFoundException>(() => ImportErrorAnalyzer.CreateBuilder().AddPath("/nonexistent/errors.json"));

    [Fact]
    public async Task Progress_ReportsTheFinalCounts()
    {
        var seen = new List<AnalysisProgress>();
        var progress = new SynchronousProgress(seen);
        var bytes = new SyntheticImport(new SyntheticImportOptions { Errors = 500 }).ToPageBytes(50);

        await AnalyzerRuns.Builder([("p.json", bytes, InputFormat.Pages)]).WithProgress(progress).Build().RunAsync();

        Assert.Equal((10L, 500L), (seen[^1].Pages, seen[^1].Errors));
    }

    [Fact]
    [Slow(SlowKind.Heavy)]
    public async Task LargeSyntheticImport_EqualsTheReference()
    {
        var import = new SyntheticImport(new SyntheticImportOptions { Errors = 20_000, DistinctValuesPerColumn = 300, Seed = 5 });
        var errors = import.Generate().ToArray();

        var report = await AnalyzerRuns.Builder([("a.json", import.ToPageBytes(100), InputFormat.Pages)], o => o.Top = 10_000).Build().RunAsync();

        Assert.Equal(200, report.Totals.Pages);
        Json.Equal(ReportOracle.Columns(errors), report.Columns);
        Json.Equal(ReportOracle.TopValues(errors, 10_000, 200), report.TopInvalidValues);
        Json.Equal(ReportOracle.LineClusters(errors, 10, null), report.LineClusters);
    }

    [Fact]
    public async Task PastCapacity_ColumnsBecomeApproximateWithBounds()
    {
        var import = new SyntheticImport(new SyntheticImportOptions { Errors = 20_000, DistinctValuesPerColumn = 5_000, Seed = 9 });
        var errors = import.Generate().ToArray();

        var report = await AnalyzerRuns.Builder([("a.json", import.ToPageBytes(100), InputFormat.Pages)], o => o.DistinctCapacity = 50).Build().RunAsync();

        var email = report.TopInvalidValues.Single(c => c.Column == 3);
        Assert.False(email.Exact);
        Assert.Null(email.DistinctValues);
        var truth = errors.Where(e => e.KnownColumnNumber == 3 && !e.IsSensitive).GroupBy(e => e.EffectiveValue).ToDictionary(g => g.Key!, g => (long)g.Count());
        foreach (var value in email.Values.Where(v => !v.Redacted))
        {
            Assert.InRange(truth.GetValueOrDefault(value.Value), value.Count - value.MaxError, value.Count);
        }

        Assert.Equal(truth.MaxBy(t => t.Value).Key, email.Values[0].Value);
    }

    private sealed class SynchronousProgress(List<AnalysisProgress> seen) : IProgress<AnalysisProgress>
    {
        public void Report(AnalysisProgress value)
        {
            lock (seen)
            {
                seen.Add(value);
            }
        }
    }

    /// <summary>A stream of valid pages that never ends; cancels its token after a few reads.</summary>
    private sealed class EndlessPages(CancellationTokenSource cancellation) : Stream
    {
        private readonly byte[] _page = JsonText.Page([new SyntheticError { Id = "a" }], "n");
        private int _reads;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => 0; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (++_reads == 50)
            {
                cancellation.Cancel();
            }

            var n = Math.Min(count, _page.Length);
            _page.AsSpan(0, n).CopyTo(buffer.AsSpan(offset));
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

public sealed class CountResult
{
    public long Count { get; set; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(CountResult))]
internal sealed partial class CustomResultContext : JsonSerializerContext;

/// <summary>A custom aggregator as a user would write one: counts errors, allocation-free.</summary>
internal sealed class ErrorCountAggregator : IErrorAggregator<CountResult, CountResult>
{
    public string Name => "errorsPerFile";

    public JsonTypeInfo<CountResult> ResultTypeInfo => CustomResultContext.Default.CountResult;

    public CountResult CreateState() => new();

    public void Add(CountResult state, in ImportErrorRecord record) => state.Count++;

    public void Merge(CountResult into, CountResult other) => into.Count += other.Count;

    public CountResult GetResult(CountResult state) => state;
}
