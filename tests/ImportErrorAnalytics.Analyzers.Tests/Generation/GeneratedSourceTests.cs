using ImportErrorAnalytics.Analyzers.Generation;
using ImportErrorAnalytics.Analyzers.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ImportErrorAnalytics.Analyzers.Tests.Generation;

/// <summary>
/// What the generator writes, as text: snapshots under <c>Generation/Snapshots</c> (regenerate them with
/// <c>IEA_UPDATE_SNAPSHOTS=1</c> and review the diff), nothing for sources without the attribute, and cached outputs
/// when an unrelated file changes.
/// </summary>
public sealed class GeneratedSourceTests
{
    private const string Source = """
        using ImportErrorAnalytics.Aggregation;
        using ImportErrorAnalytics.Model;

        namespace Shop;

        public sealed class Tally { public long Count; }

        public sealed record Summary(long Count, string? Label = null);

        [ErrorAggregator("summary")]
        public sealed partial class SummaryAggregator : IErrorAggregator<Tally, Summary>
        {
            public Tally CreateState() => new();
            public void Add(Tally state, in ImportErrorRecord record) => state.Count++;
            public void Merge(Tally into, Tally other) => into.Count += other.Count;
            public Summary GetResult(Tally state) => new(state.Count);
        }
        """;

    private static string SnapshotFolder => Path.Combine(TestEnvironment.RepositoryRoot, "tests", "ImportErrorAnalytics.Analyzers.Tests", "Generation", "Snapshots");

    private static string Version => typeof(ErrorAggregatorGenerator).Assembly.GetName().Version!.ToString();

    [Fact]
    public async Task Generator_WritesTheSnapshots()
    {
        const string aggregator = "Shop.SummaryAggregator.ErrorAggregator.g.cs";
        const string registration = "ImportErrorAnalytics.GeneratedErrorAggregators.g.cs";
        if (Environment.GetEnvironmentVariable("IEA_UPDATE_SNAPSHOTS") == "1")
        {
            UpdateSnapshots(aggregator, registration);
        }

        await GeneratorVerify.GeneratesAsync(Source, (aggregator, Snapshot(aggregator)), (registration, Snapshot(registration)));
    }

    [Fact]
    public async Task Generator_WritesNothing_WithoutTheAttribute()
    {
        await GeneratorVerify.GeneratesAsync(Source.Replace("[ErrorAggregator(\"summary\")]", string.Empty, StringComparison.Ordinal)
            .Replace("IErrorAggregator<Tally, Summary>", "{|CS0535:{|CS0535:IErrorAggregator<Tally, Summary>|}|}", StringComparison.Ordinal));
    }

    [Fact]
    public void Generator_ReusesItsSources_WhenAnUnrelatedFileChanges()
    {
        var compilation = GeneratorRun.Compilation(Source);
        var driver = GeneratorRun.Driver(trackSteps: true).RunGenerators(compilation);

        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("public static class Unrelated { public static int Value => 1; }", new CSharpParseOptions(LanguageVersion.Latest)));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        AssertReused(result, ErrorAggregatorGenerator.Steps.Models, ErrorAggregatorGenerator.Steps.Sources, ErrorAggregatorGenerator.Steps.Registration);
        Assert.Equal(2, result.GeneratedSources.Length);
    }

    [Fact]
    public void Generator_ReusesItsSources_WhenTheAggregatorOnlyMoves()
    {
        var compilation = GeneratorRun.Compilation(Source);
        var driver = GeneratorRun.Driver(trackSteps: true).RunGenerators(compilation);
        var tree = compilation.SyntaxTrees.Single();

        var moved = compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From("// A comment that moves every line.\n\n" + Source)));
        var result = driver.RunGenerators(moved).GetRunResult().Results.Single();

        AssertReused(result, ErrorAggregatorGenerator.Steps.Sources, ErrorAggregatorGenerator.Steps.Registration);
    }

    private static void AssertReused(GeneratorRunResult result, params string[] steps)
    {
        foreach (var step in steps)
        {
            var outputs = result.TrackedSteps[step].SelectMany(s => s.Outputs).ToList();
            Assert.NotEmpty(outputs);
            Assert.All(outputs, output => Assert.True(
                output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"The step {step} ran again: {output.Reason}."));
        }
    }

    [Theory]
    [InlineData("ErrorsPerColumn", "errorsPerColumn")]
    [InlineData("URLCounts", "urlCounts")]
    [InlineData("IOStats", "ioStats")]
    [InlineData("ABC", "abc")]
    [InlineData("A", "a")]
    [InlineData("already", "already")]
    [InlineData("Counts2", "counts2")]
    public void DefaultName_IsTheClassNameCamelCased(string className, string name)
    {
        Assert.Equal(name, Naming.CamelCase(className));
    }

    private static string Snapshot(string hintName) =>
        File.ReadAllText(Path.Combine(SnapshotFolder, hintName + ".txt")).ReplaceLineEndings("\n").Replace("{version}", Version, StringComparison.Ordinal);

    private static void UpdateSnapshots(params string[] hintNames)
    {
        var compilation = GeneratorRun.Compilation(Source);
        var result = GeneratorRun.Driver().RunGenerators(compilation).GetRunResult().Results.Single();
        foreach (var hintName in hintNames)
        {
            var text = result.GeneratedSources.Single(s => s.HintName == hintName).SourceText.ToString();
            File.WriteAllText(Path.Combine(SnapshotFolder, hintName + ".txt"), text.Replace(Version, "{version}", StringComparison.Ordinal));
        }
    }
}
