using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using ImportErrorAnalytics.Analyzers.Tests.Support;
using ImportErrorAnalytics.Pipeline;

namespace ImportErrorAnalytics.Analyzers.Tests.Generation;

/// <summary>
/// The generated code, compiled and run: the contracts write exactly what reflection-based serialization writes (the
/// oracle, with the same camelCase names and string enums), read back what they wrote, and use no reflection; the
/// registration adds every aggregator.
/// </summary>
public sealed class GeneratedContractTests : IDisposable
{
    private static readonly JsonSerializerOptions Reflection = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },
    };

    private readonly GeneratorRun _run = GeneratorRun.Load(ContractSources.RichResult);

    public void Dispose() => _run.Dispose();

    [Theory]
    [InlineData("Contracts.RichAggregator")]
    [InlineData("Contracts.CountAggregator")]
    [InlineData("Contracts.RangesAggregator")]
    public void Contract_WritesWhatReflectionBasedSerializationWrites(string aggregator)
    {
        var (contract, result) = Run(aggregator);

        var generated = JsonSerializer.Serialize(result, contract);

        Assert.Equal(JsonSerializer.Serialize(result, contract.Type, Reflection), generated);
    }

    [Theory]
    [InlineData("Contracts.RichAggregator")]
    [InlineData("Contracts.CountAggregator")]
    [InlineData("Contracts.RangesAggregator")]
    public void Contract_ReadsBackWhatItWrote(string aggregator)
    {
        var (contract, result) = Run(aggregator);
        var json = JsonSerializer.Serialize(result, contract);

        var read = JsonSerializer.Deserialize(json, contract);

        Assert.Equal(json, JsonSerializer.Serialize(read, contract));
        Assert.Equal(json, JsonSerializer.Serialize(JsonSerializer.Deserialize(json, contract.Type, Reflection), contract));
    }

    [Fact]
    public void Contract_WritesTheDocumentedShape()
    {
        var (contract, result) = Run("Contracts.RichAggregator");

        using var json = JsonDocument.Parse(JsonSerializer.Serialize(result, contract));
        var root = json.RootElement;
        Assert.Equal("first", root.EnumerateObject().First().Name);
        Assert.Equal("High", root.GetProperty("severity").GetString());
        Assert.Equal("Phone", root.GetProperty("channel").GetString());
        Assert.Equal(5, root.GetProperty("renamed_value").GetInt32());
        Assert.Equal(8, root.GetProperty("event").GetInt32());
        Assert.Equal("derived value", root.GetProperty("shadowed").GetString());
        Assert.Equal("c", root.GetProperty("tree").GetProperty("children")[1].GetProperty("children")[0].GetProperty("label").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("missing").ValueKind);
        Assert.False(root.TryGetProperty("ignored", out _));
        Assert.False(root.TryGetProperty("skippedWhenNull", out _));
        Assert.False(root.TryGetProperty("field", out _));
    }

    [Fact]
    public void Contract_ComesFromTheGeneratedContext()
    {
        var (contract, _) = Run("Contracts.RichAggregator");

        Assert.IsAssignableFrom<JsonSerializerContext>(contract.OriginatingResolver);
        Assert.Equal("GeneratedResultJsonContext", contract.OriginatingResolver!.GetType().Name);
        Assert.Same(JsonNamingPolicy.CamelCase, contract.Options.PropertyNamingPolicy);
    }

    [Fact]
    public void GeneratedSources_UseNoReflection()
    {
        var text = string.Join("\n", _run.Generated.Select(t => t.ToString()));

        Assert.Contains("JsonMetadataServices.CreateObjectInfo", text, StringComparison.Ordinal);
        Assert.DoesNotContain("System.Reflection", text, StringComparison.Ordinal);
        Assert.DoesNotContain("GetProperty(", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Activator", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Names_AreTheAttributesOrTheCamelCasedClassName()
    {
        Assert.Equal("richAggregator", Aggregator("Contracts.RichAggregator").Name);
        Assert.Equal("count", Aggregator("Contracts.CountAggregator").Name);
        Assert.Equal("ranges", Aggregator("Contracts.RangesAggregator").Name);
    }

    [Fact]
    public async Task AddGeneratedAggregators_RegistersEveryAggregator_AndTheirResultsAreInTheReport()
    {
        var registration = _run.Type("ImportErrorAnalytics.Pipeline.GeneratedErrorAggregators").GetMethod("AddGeneratedAggregators")!;
        var builder = ImportErrorAnalyzer.CreateBuilder().AddPath(Path.Combine(TestEnvironment.RepositoryRoot, "samples", "import-184448894"));

        Assert.Same(builder, registration.Invoke(null, [builder]));
        var report = await builder.Build().RunAsync();

        Assert.Equal(["count", "ranges", "richAggregator"], report.Custom.Keys.Order(StringComparer.Ordinal));
        using var json = JsonDocument.Parse(ImportErrorAnalytics.Reporting.JsonReport.ToJson(report));
        var custom = json.RootElement.GetProperty("custom");
        Assert.Equal(600, custom.GetProperty("count").GetInt64());
        Assert.Equal(600, custom.GetProperty("ranges")[0].GetProperty("to").GetInt32());
        Assert.Equal("t \"quoted\" ünïcode", custom.GetProperty("richAggregator").GetProperty("title").GetString());
    }

    private Aggregation.IErrorAggregator Aggregator(string name) => (Aggregation.IErrorAggregator)Activator.CreateInstance(_run.Type(name), nonPublic: true)!;

    /// <summary>The aggregator's contract and the result of an empty state.</summary>
    private (JsonTypeInfo Contract, object? Result) Run(string name)
    {
        var aggregator = Aggregator(name);
        var type = aggregator.GetType();
        var contract = (JsonTypeInfo)type.GetProperty("ResultTypeInfo")!.GetValue(aggregator)!;
        var state = type.GetMethod("CreateState")!.Invoke(aggregator, null);
        var result = type.GetMethod("GetResult")!.Invoke(aggregator, [state]);
        return (contract, result);
    }
}
