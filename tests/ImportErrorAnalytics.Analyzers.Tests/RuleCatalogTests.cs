using System.Reflection;
using ImportErrorAnalytics.Analyzers.Tests.Support;
using ImportErrorAnalytics.Model;
using Microsoft.CodeAnalysis;

namespace ImportErrorAnalytics.Analyzers.Tests;

/// <summary>The rules' metadata: every ID has a descriptor, a doc page, and a release-tracking entry.</summary>
public sealed class RuleCatalogTests
{
    public static TheoryData<string> Ids() =>
    [
        .. typeof(DiagnosticIds).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetRawConstantValue()!),
    ];

    [Theory]
    [MemberData(nameof(Ids))]
    public void Rule_HasADocPageItsHelpLinkPointsTo(string id)
    {
        var descriptor = Assert.Single(AllDescriptors(), d => d.Id == id);
        Assert.EndsWith($"/docs/rules/{id}.md", descriptor.HelpLinkUri, StringComparison.Ordinal);
        var page = Path.Combine(TestEnvironment.RepositoryRoot, "docs", "rules", id + ".md");
        Assert.True(File.Exists(page), $"{page} is missing.");
        Assert.StartsWith($"# {id}: {descriptor.Title}", File.ReadAllText(page), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Rule_IsInTheReleaseTracking(string id)
    {
        var folder = Path.Combine(TestEnvironment.RepositoryRoot, "src", "ImportErrorAnalytics.Analyzers");
        var text = File.ReadAllText(Path.Combine(folder, "AnalyzerReleases.Shipped.md")) + File.ReadAllText(Path.Combine(folder, "AnalyzerReleases.Unshipped.md"));
        Assert.Contains(id + " |", text, StringComparison.Ordinal);
    }

    [Fact]
    public void KnownErrorTypes_AreTheParsersList()
    {
        Assert.Equal(HubSpotNames.ErrorTypes, KnownErrorTypes.All);
        Assert.Equal(68, KnownErrorTypes.All.Count);
    }

    private static IEnumerable<DiagnosticDescriptor> AllDescriptors() =>
        new Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer[]
        {
            new UnknownErrorTypeAnalyzer(), new HardCodedAccessTokenAnalyzer(), new HotPathAllocationAnalyzer(), new MergeNotImplementedAnalyzer(),
        }.SelectMany(a => a.SupportedDiagnostics);
}
