using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using ImportErrorAnalytics.Aggregation;
using ImportErrorAnalytics.Model;
using ImportErrorAnalytics.Pipeline;
using ImportErrorAnalytics.Reporting.Markdown;
using ImportErrorAnalytics.Tests.Support;
using Markdig;
using Markdig.Syntax;

namespace ImportErrorAnalytics.Tests.Reporting;

/// <summary>The "Custom aggregators" section of the Markdown report: user JSON in a fence it cannot close.</summary>
public class CustomMarkdownTests
{
    private static string Pages => SamplePaths.ImportDirectory;

    [Fact]
    public async Task CustomResult_WithBacktickRuns_StaysInsideOneFencedJsonBlock()
    {
        var report = await ImportErrorAnalyzer.CreateBuilder().AddPath(Pages).AddAggregator(new BacktickAggregator()).Build().RunAsync();

        var markdown = MarkdownReport.Render(report);

        Assert.Contains("## Custom aggregators", markdown, StringComparison.Ordinal);
        Assert.Contains("`````json\n\"a````b 600\"\n`````\n", markdown, StringComparison.Ordinal);
        var blocks = Markdown.Parse(markdown, new MarkdownPipelineBuilder().UseAdvancedExtensions().Build()).Descendants<FencedCodeBlock>()
            .Where(b => b.Info == "json")
            .ToList();
        var block = Assert.Single(blocks);
        Assert.Equal("\"a````b 600\"", block.Lines.ToString());
    }

    [Theory]
    [InlineData("# T\n\n```json\n{\n  \"a\": 1\n}\n```\n\nafter\n", 20, 5)]
    [InlineData("# T\n\n```json\n{\n  \"a\": 1\n}\n```\n\nafter\n", 31, 31)]
    [InlineData("# T\n\n`````json\n```\n}\n`````\nafter\n", 22, 5)]
    [InlineData("no fences\nat all\n", 9, 9)]
    public void Truncation_NeverEndsInsideAFence(string text, int cut, int expected) =>
        Assert.Equal(expected, MarkdownReport.OutsideFence(text, cut));

    [Fact]
    public async Task TruncatedReport_ClosesItsNoteOutsideAnyFence()
    {
        var report = await ImportErrorAnalyzer.CreateBuilder().AddPath(Pages).AddAggregator(new BacktickAggregator()).Build().RunAsync();

        var markdown = MarkdownReport.Render(report, new MarkdownReportOptions { MaxBytes = 1024, MaxRows = 1 });

        var document = Markdown.Parse(markdown, new MarkdownPipelineBuilder().UseAdvancedExtensions().Build());
        Assert.IsType<ParagraphBlock>(document.LastChild);
        Assert.Contains("cut to fit the size budget", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutCustomAggregators_TheSectionIsAbsent()
    {
        var report = await ImportErrorAnalyzer.CreateBuilder().AddPath(Pages).Build().RunAsync();

        Assert.DoesNotContain("Custom aggregators", MarkdownReport.Render(report), StringComparison.Ordinal);
    }

    public sealed class Counter
    {
        public long Count { get; set; }
    }

    /// <summary>Writes its count inside a JSON string with a run of four backticks (raw, so no encoder escapes them).</summary>
    private sealed class BacktickConverter : JsonConverter<long>
    {
        public override long Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => throw new NotSupportedException();

        public override void Write(Utf8JsonWriter writer, long value, JsonSerializerOptions options) =>
            writer.WriteRawValue($"\"a````b {value}\"", skipInputValidation: true);
    }

    private sealed class BacktickAggregator : IErrorAggregator<Counter, long>
    {
        private static readonly JsonSerializerOptions Options = new() { Converters = { new BacktickConverter() }, TypeInfoResolver = new DefaultJsonTypeInfoResolver() };

        public string Name => "backticks";

        public JsonTypeInfo<long> ResultTypeInfo => (JsonTypeInfo<long>)Options.GetTypeInfo(typeof(long));

        public Counter CreateState() => new();

        public void Add(Counter state, in ImportErrorRecord record) => state.Count++;

        public void Merge(Counter into, Counter other) => into.Count += other.Count;

        public long GetResult(Counter state) => state.Count;
    }
}
