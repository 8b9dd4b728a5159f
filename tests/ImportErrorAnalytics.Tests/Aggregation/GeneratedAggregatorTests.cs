using System.Text.Json;
using System.Text.Json.Serialization;
using ImportErrorAnalytics.Pipeline;
using ImportErrorAnalytics.Reporting;
using ImportErrorAnalytics.Tests.Aggregation.Generated;
using ImportErrorAnalytics.Tests.Support;

namespace ImportErrorAnalytics.Tests.Aggregation;

/// <summary>
/// An <c>[ErrorAggregator] partial class</c> compiled by this project's build with the IEA generator: registered by
/// <c>AddGeneratedAggregators()</c>, run over the samples, and written to the JSON report through the generated contract.
/// </summary>
public sealed class GeneratedAggregatorTests
{
    /// <summary>Reflection-based serialization with the generated contract's settings: the oracle.</summary>
    private static readonly JsonSerializerOptions Reflection = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },
    };

    private static async Task<ImportErrorReport> RunAsync(int parallelism = 2) =>
        await ImportErrorAnalyzer.CreateBuilder()
            .AddPath(SamplePaths.ImportDirectory)
            .Configure(o => o.MaxDegreeOfParallelism = parallelism)
            .AddGeneratedAggregators()
            .Build()
            .RunAsync();

    [Fact]
    public void Name_IsTheOneTheAttributeGives()
    {
        Assert.Equal("errorProfile", new ErrorProfileAggregator().Name);
    }

    [Fact]
    public async Task AddGeneratedAggregators_PutsTheResultUnderCustomInTheJsonReport()
    {
        var report = await RunAsync();

        using var json = JsonDocument.Parse(JsonReport.ToJson(report));
        var root = json.RootElement;
        var profile = root.GetProperty("custom").GetProperty("errorProfile");
        var errors = root.GetProperty("totals").GetProperty("errors").GetInt64();
        Assert.Equal(600, errors);
        Assert.Equal(errors, profile.GetProperty("errors").GetInt64());
        Assert.Equal(
            root.GetProperty("objectTypes").EnumerateArray().ToDictionary(t => t.GetProperty("objectType").GetString()!, t => t.GetProperty("count").GetInt64()),
            profile.GetProperty("objectTypes").EnumerateArray().ToDictionary(t => t.GetProperty("objectType").GetString()!, t => t.GetProperty("errors").GetInt64()));
        Assert.Equal(
            root.GetProperty("errorTypes").EnumerateArray().ToDictionary(t => t.GetProperty("errorType").GetString()!, t => t.GetProperty("count").GetInt64()),
            profile.GetProperty("errorTypes").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64()));
        Assert.Equal(errors, profile.GetProperty("lineKinds").EnumerateArray().Sum(e => e.GetInt64()));
        Assert.Contains(profile.GetProperty("mostCommonLineKind").GetString(), new[] { "WithLine", "WithoutLine" });
        Assert.Equal(JsonValueKind.Number, profile.GetProperty("firstLine").ValueKind);
        Assert.False(profile.TryGetProperty("notInTheReport", out _));
        Assert.False(profile.TryGetProperty("lineKindCounts", out _));
    }

    [Fact]
    public async Task GeneratedContract_WritesWhatReflectionBasedSerializationWrites()
    {
        var result = (await RunAsync()).Custom["errorProfile"].GetValue<ErrorProfile>()!;
        var contract = new ErrorProfileAggregator().ResultTypeInfo;

        Assert.Equal(JsonSerializer.Serialize(result, Reflection), JsonSerializer.Serialize(result, contract));
    }

    [Fact]
    public async Task GeneratedContract_ReadsBackWhatItWrote()
    {
        var result = (await RunAsync()).Custom["errorProfile"].GetValue<ErrorProfile>()!;
        var contract = new ErrorProfileAggregator().ResultTypeInfo;
        var json = JsonSerializer.Serialize(result, contract);

        var read = JsonSerializer.Deserialize(json, contract)!;

        Assert.Equal(json, JsonSerializer.Serialize(read, contract));
        Assert.Equal(result.ObjectTypes, read.ObjectTypes);
        Assert.Equal(result.MostCommonLineKind, read.MostCommonLineKind);
    }

    [Fact]
    public void GeneratedContract_ComesFromAGeneratedContext_NotFromReflection()
    {
        var contract = new ErrorProfileAggregator().ResultTypeInfo;

        Assert.IsAssignableFrom<JsonSerializerContext>(contract.OriginatingResolver);
        Assert.IsAssignableFrom<JsonSerializerContext>(contract.Options.TypeInfoResolver);
        Assert.Same(contract, new ErrorProfileAggregator().ResultTypeInfo);
    }

    [Fact]
    public async Task Result_IsTheSameWithOneOrManyWorkers()
    {
        var one = JsonReport.ToJson(await RunAsync(parallelism: 1));
        var many = JsonReport.ToJson(await RunAsync(parallelism: 4));

        using var a = JsonDocument.Parse(one);
        using var b = JsonDocument.Parse(many);
        Assert.Equal(a.RootElement.GetProperty("custom").GetRawText(), b.RootElement.GetProperty("custom").GetRawText());
    }
}
