namespace ImportErrorAnalytics.Tests.Architecture;

/// <summary>
/// The layers of docs/architecture.md, checked on the built core assembly: each layer references only the layers it
/// may use, sub-namespaces build on their parents, every namespace belongs to a layer, and the core library references
/// none of the packages built on it. A failure lists each offending type and the layer it reaches into.
/// </summary>
public sealed class LayerTests
{
    public static TheoryData<string> LayerNames => new(Layers.All.Select(layer => layer.Name));

    public static TheoryData<string> InnerRules => new(Layers.Inner.Select(rule => rule.ToString()));

    [Theory]
    [MemberData(nameof(LayerNames))]
    public void Layer_UsesOnlyTheLayersBelowIt(string name)
    {
        var layer = Layers.Named(name);
        var violations = Layers.All
            .Where(other => other != layer && !layer.MayUse.Contains(other.Name))
            .SelectMany(other => LayerRules.Violations(layer, other))
            .ToList();

        Assert.True(violations.Count == 0, $"{name} may use only [{string.Join(", ", layer.MayUse)}], but:\n  {string.Join("\n  ", violations)}");
    }

    [Theory]
    [MemberData(nameof(InnerRules))]
    public void SubNamespace_BuildsOnItsParent_NotTheOtherWayRound(string rule)
    {
        var violations = LayerRules.Violations(Layers.Inner.Single(inner => inner.ToString() == rule));

        Assert.True(violations.Count == 0, $"{rule}, but:\n  {string.Join("\n  ", violations)}");
    }

    [Fact]
    public void EveryNamespace_BelongsToALayer()
    {
        var unplaced = LayerRules.Namespaces()
            .Where(ns => !Layers.All.Any(layer => layer.Namespaces.Any(root => LayerRules.IsIn(ns, root))))
            .ToList();

        Assert.True(unplaced.Count == 0, $"Namespaces in no layer (add them to Layers.All and docs/architecture.md): {string.Join(", ", unplaced)}");
    }

    [Fact]
    public void Layers_MayUseOnlyLayersBelowThemselves()
    {
        // The list is bottom first: a layer that may use one listed after it would allow a cycle.
        var order = Layers.All.Select((layer, i) => (layer.Name, i)).ToDictionary(x => x.Name, x => x.i);
        var upward = Layers.All
            .SelectMany(layer => layer.MayUse.Select(used => (layer.Name, Used: used)))
            .Where(edge => order[edge.Used] >= order[edge.Name])
            .ToList();

        Assert.Empty(upward);
    }

    [Fact]
    public void CoreLibrary_DoesNotUseThePackagesBuiltOnIt()
    {
        var byNamespace = LayerRules.UsesOf(Layers.Outside);
        var byAssembly = LayerRules.Core.GetReferencedAssemblies()
            .Select(name => name.Name)
            .Where(name => Layers.OutsideAssemblies.Contains(name, StringComparer.OrdinalIgnoreCase))
            .ToList();

        Assert.True(byNamespace.Count == 0 && byAssembly.Count == 0, $"The core library uses {string.Join(", ", byNamespace.Concat(byAssembly!))}");
    }

    [Fact]
    public void RuleEngine_FlagsAKnownReference()
    {
        // The rules above pass only if the engine sees references at all: the pipeline does use the model (the run
        // makes the run's name tables), so a rule that forbade it must fail and name the run.
        var pipeline = Layers.Named("Pipeline") with { MayUse = [] };

        var violations = LayerRules.Violations(pipeline, Layers.Named("Model"));

        Assert.Contains("ImportErrorAnalytics.Pipeline.AnalysisRun -> Model", violations);
    }

    [Fact]
    public void RuleEngine_FlagsAReferenceToANamespace()
    {
        Assert.Contains("ImportErrorAnalytics.Pipeline.AnalysisRun -> ImportErrorAnalytics.Parsing.Parallel", LayerRules.UsesOf(["ImportErrorAnalytics.Parsing.Parallel"]));
    }

    [Fact]
    public void RuleEngine_FlagsAReferenceInsideALayer()
    {
        var violations = LayerRules.Violations(new InnerRule("ImportErrorAnalytics.Aggregation.BuiltIn", "ImportErrorAnalytics.Aggregation"));

        Assert.Contains("ImportErrorAnalytics.Aggregation.BuiltIn.BuiltInAggregators -> ImportErrorAnalytics.Aggregation", violations);
    }
}
