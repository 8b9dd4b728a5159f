using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using ImportErrorAnalytics.Cli;
using ImportErrorAnalytics.Cli.CustomAggregators;
using ImportErrorAnalytics.Pipeline;
using ImportErrorAnalytics.Tests.Shared;
using ImportErrorAnalytics.Tests.Support;

namespace ImportErrorAnalytics.Tests.Cli;

/// <summary><c>iea report --aggregator FILE</c>: compiled in-process, checked by the IEA analyzers, cached, collectible.</summary>
[Slow(SlowKind.Heavy)]
public class CustomAggregatorTests
{
    private static string Pages => SamplePaths.ImportDirectory;

    private static string Sample => SamplePaths.AggregatorSample;

    private static async Task<(int Code, string Out, string Err)> Iea(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await IeaCommand.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>An aggregator file; the unique comment makes its content (and so its cache entry) new.</summary>
    private static string Source(string add, string name = "counted") => $$"""
        // {{Guid.NewGuid():N}}
        using System.Collections.Generic;
        using System.Text.Json;
        using System.Text.Json.Serialization.Metadata;
        using ImportErrorAnalytics.Aggregation;
        using ImportErrorAnalytics.Model;

        public sealed class Tally
        {
            public long Count { get; set; }
            public List<object> Items { get; } = new();
        }

        public sealed class Counted : IErrorAggregator<Tally, long>
        {
            public string Name => "{{name}}";
            public JsonTypeInfo<long> ResultTypeInfo => (JsonTypeInfo<long>)JsonSerializerOptions.Default.GetTypeInfo(typeof(long));
            public Tally CreateState() => new();
            public void Add(Tally state, in ImportErrorRecord record)
            {
                {{add}}
            }
            public void Merge(Tally into, Tally other) => into.Count += other.Count;
            public long GetResult(Tally state) => state.Count;
        }
        """;

    /// <summary>The 1-based <c>(line,col)</c> of the first <paramref name="token"/> in <paramref name="source"/>.</summary>
    private static string Position(string source, string token)
    {
        var lines = source.ReplaceLineEndings("\n").Split('\n');
        var line = Array.FindIndex(lines, l => l.Contains(token, StringComparison.Ordinal));
        return $"({line + 1},{lines[line].IndexOf(token, StringComparison.Ordinal) + 1})";
    }

    [Fact]
    public async Task Sample_CompilesWithoutDiagnostics_AndItsResultIsInTheJsonReport()
    {
        var (code, output, error) = await Iea("report", "--input", Pages, "--aggregator", Sample);

        Assert.True(code == 0, error);
        Assert.DoesNotContain("warning", error, StringComparison.Ordinal);
        Assert.DoesNotContain("error", error, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(output);
        var custom = json.RootElement.GetProperty("custom").GetProperty("errorsPerObjectType");
        Assert.Equal(600, custom.GetProperty("objectTypes").EnumerateArray().Sum(t => t.GetProperty("errors").GetInt64()) + custom.GetProperty("withoutObjectType").GetInt64());
        Assert.Equal("CONTACT", custom.GetProperty("objectTypes")[0].GetProperty("objectType").GetString());
    }

    [Fact]
    public async Task Sample_ResultIsInTheMarkdownReport_InAJsonFence()
    {
        var (code, output, error) = await Iea("report", "--input", Pages, "--aggregator", Sample, "--format", "markdown");

        Assert.True(code == 0, error);
        Assert.Contains("## Custom aggregators", output, StringComparison.Ordinal);
        Assert.Contains("### `errorsPerObjectType`", output, StringComparison.Ordinal);
        Assert.Contains("```json\n{\n  \"withoutObjectType\": 0,", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sample_GivesTheSameResultWithOneOrManyWorkers()
    {
        var (_, one, _) = await Iea("report", "--input", Pages, "--aggregator", Sample, "--parallelism", "1");
        var (_, many, _) = await Iea("report", "--input", Pages, "--aggregator", Sample, "--parallelism", "4");

        using var a = JsonDocument.Parse(one);
        using var b = JsonDocument.Parse(many);
        Assert.Equal(a.RootElement.GetProperty("custom").GetRawText(), b.RootElement.GetProperty("custom").GetRawText());
    }

    [Fact]
    public async Task Sample_GetsItsNameAndJsonContractFromTheGenerator()
    {
        var (set, code) = await CustomAggregatorSet.LoadAsync([Sample], TextWriter.Null, CancellationToken.None);
        Assert.Equal(ExitCodes.Success, code);
        using (set)
        {
            var type = Assert.Single(set!.Types);
            var aggregator = (ImportErrorAnalytics.Aggregation.IErrorAggregator)Activator.CreateInstance(type)!;
            var contract = (System.Text.Json.Serialization.Metadata.JsonTypeInfo)type.GetProperty("ResultTypeInfo")!.GetValue(aggregator)!;

            Assert.Equal("errorsPerObjectType", aggregator.Name);
            Assert.IsAssignableFrom<System.Text.Json.Serialization.JsonSerializerContext>(contract.OriginatingResolver);
        }
    }

    [Fact]
    public async Task GeneratorError_ExitsWithUsage_AndPrintsTheRule()
    {
        using var temp = new TempDirectory();
        var source = Source("state.Count++;")
            .Replace("public sealed class Counted", "[ErrorAggregator]\npublic sealed class Counted", StringComparison.Ordinal);
        var file = temp.File("NotPartial.cs", source);

        var (code, _, error) = await Iea("report", "--input", Pages, "--aggregator", file);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains($"{file}{Position(source, "Counted :")}: error IEA0005: 'Counted' is not partial", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompileError_ExitsWithUsage_AndPrintsFileLineAndColumn()
    {
        using var temp = new TempDirectory();
        var source = Source("state.Count += undefinedThing;");
        var file = temp.File("Broken.cs", source);

        var (code, output, error) = await Iea("report", "--input", Pages, "--aggregator", file);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Empty(output);
        Assert.Contains($"{file}{Position(source, "undefinedThing")}: error CS0103:", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AllocatingAdd_PrintsTheIea0003Warning_AndTheRunSucceeds()
    {
        using var temp = new TempDirectory();
        var source = Source("state.Count++; state.Items.Add(new object());", "allocating");
        var file = temp.File("Allocating.cs", source);

        var (code, output, error) = await Iea("report", "--input", Pages, "--aggregator", file);

        Assert.True(code == 0, error);
        Assert.Contains($"{file}{Position(source, "new object()")}: warning IEA0003:", error, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(600, json.RootElement.GetProperty("custom").GetProperty("allocating").GetInt64());
    }

    [Theory]
    [InlineData("Add", "throw new System.InvalidOperationException(\"boom in Add\");", "boom in Add")]
    [InlineData("GetResult", "state.Count++;", "boom in GetResult")]
    public async Task ThrowingAggregator_ExitsWithCustomAggregatorFailed(string where, string add, string message)
    {
        using var temp = new TempDirectory();
        var source = Source(add, "throwing");
        if (where == "GetResult")
        {
            source = source.Replace("public long GetResult(Tally state) => state.Count;", "public long GetResult(Tally state) => throw new System.InvalidOperationException(\"boom in GetResult\");", StringComparison.Ordinal);
        }

        var file = temp.File("Throwing.cs", source);

        var (code, _, error) = await Iea("report", "--input", Pages, "--aggregator", file);

        Assert.Equal(ExitCodes.CustomAggregatorFailed, code);
        Assert.Contains($"iea: a custom aggregator failed: InvalidOperationException: {message}", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AggregatorIsRepeatable_EveryFilesAggregatorsAreRegistered()
    {
        using var temp = new TempDirectory();
        var other = temp.File("Other.cs", Source("state.Count++;", "other"));

        var (code, output, error) = await Iea("report", "--input", Pages, "--aggregator", Sample, "--aggregator", other);

        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        var custom = json.RootElement.GetProperty("custom");
        Assert.True(custom.TryGetProperty("errorsPerObjectType", out _));
        Assert.Equal(600, custom.GetProperty("other").GetInt64());
    }

    [Fact]
    public async Task Demo_TakesAggregatorsToo()
    {
        var (code, output, error) = await Iea("demo", "--errors", "300", "--page-size", "100", "--no-faults", "--aggregator", Sample);

        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        var custom = json.RootElement.GetProperty("custom").GetProperty("errorsPerObjectType");
        Assert.Equal(300, custom.GetProperty("objectTypes").EnumerateArray().Sum(t => t.GetProperty("errors").GetInt64()) + custom.GetProperty("withoutObjectType").GetInt64());
    }

    [Fact]
    public async Task MissingFile_ExitsWithInputNotFound()
    {
        var (code, _, error) = await Iea("report", "--input", Pages, "--aggregator", Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".cs"));

        Assert.Equal(ExitCodes.InputNotFound, code);
        Assert.Contains("cannot read aggregator file", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FileWithoutAggregators_ExitsWithUsage()
    {
        using var temp = new TempDirectory();
        var file = temp.File("Empty.cs", "public static class Nothing { }");

        var (code, _, error) = await Iea("report", "--input", Pages, "--aggregator", file);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("defines no public class implementing IErrorAggregator", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SameContent_IsCompiledOnce_ThenTakenFromMemory_ThenFromDisk()
    {
        using var temp = new TempDirectory();
        var folder = AggregatorCacheFolder.Open(Path.Combine(temp.Path, "cache"));
        var content = Encoding.UTF8.GetBytes(Source("state.Count++;"));
        var cache = new AggregatorCache(folder);

        var first = await cache.GetOrCompileAsync(content, "a.cs", TextWriter.Null, CancellationToken.None);
        var second = await cache.GetOrCompileAsync(content, "b.cs", TextWriter.Null, CancellationToken.None);
        var third = await new AggregatorCache(folder).GetOrCompileAsync(content, "c.cs", TextWriter.Null, CancellationToken.None);

        Assert.Equal(CompileSource.Compiled, first.Source);
        Assert.Equal(CompileSource.MemoryCache, second.Source);
        Assert.Equal(CompileSource.DiskCache, third.Source);
        Assert.True(File.Exists(cache.ImagePath(first.Hash)));
        Assert.Equal(first.Image, third.Image);
    }

    [Fact]
    public async Task DiagnosticsOfACachedCompile_ArePrintedAgain_WithTheNewPath()
    {
        using var temp = new TempDirectory();
        var source = Source("state.Count++; state.Items.Add(new object());", "cachedWarning");
        var one = temp.File("One.cs", source);
        var two = temp.File("Two.cs", source);

        var (_, _, first) = await Iea("report", "--input", Pages, "--aggregator", one);
        var (code, _, second) = await Iea("report", "--input", Pages, "--aggregator", two);

        Assert.Equal(0, code);
        Assert.Contains($"{one}{Position(source, "new object()")}: warning IEA0003:", first, StringComparison.Ordinal);
        Assert.Contains($"{two}{Position(source, "new object()")}: warning IEA0003:", second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadContext_IsCollectible_AndIsCollectedAfterTheRun()
    {
        using var temp = new TempDirectory();
        var file = temp.File("Collectible.cs", Source("state.Count++;"));

        var context = await LoadAndUnloadAsync(file);

        for (var i = 0; i < 20 && context.IsAlive; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        Assert.False(context.IsAlive);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static async Task<WeakReference> LoadAndUnloadAsync(string file)
    {
        var (set, code) = await CustomAggregatorSet.LoadAsync([file], TextWriter.Null, CancellationToken.None);
        Assert.Equal(ExitCodes.Success, code);
        Assert.NotNull(set);
        Assert.True(set.Contexts.Single().IsCollectible);
        var report = await set.AddTo(ImportErrorAnalyzer.CreateBuilder().AddPath(Pages)).Build().RunAsync();
        Assert.Equal(600, report.Custom["counted"].GetValue<long>());
        var weak = new WeakReference(set.Contexts.Single());
        set.Dispose();
        return weak;
    }
}
