using System.Reflection;
using ImportErrorAnalytics.Analyzers.Tests.Support;
using ImportErrorAnalytics.Model;
using Microsoft.CodeAnalysis;

namespace ImportErrorAnalytics.Analyzers.Tests;

/// <summary>The rules' metadata: every ID has a descriptor, a doc page its help link names, and a release-tracking entry.</summary>
public sealed class RuleCatalogTests
{
    public static TheoryData<string> Ids() => [.. IdValues()];

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

    [Fact]
    public void EveryDescriptor_HasAnId_AndEveryId_HasOneDescriptor()
    {
        Assert.Equal(IdValues().Order(StringComparer.Ordinal), AllDescriptors().Select(d => d.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void EveryHelpLink_NamesAnExistingRulePage_UnderTheOneRepositoryUrl()
    {
        var pages = Path.Combine(TestEnvironment.RepositoryRoot, "docs", "rules");
        Assert.All(AllDescriptors(), descriptor =>
        {
            var link = new Uri(descriptor.HelpLinkUri, UriKind.Absolute);
            Assert.Equal(Descriptors.HelpLinkBase + link.Segments[^1], descriptor.HelpLinkUri);
            Assert.StartsWith(Descriptors.RepositoryUrl + "/", descriptor.HelpLinkUri, StringComparison.Ordinal);
            Assert.Equal(descriptor.Id + ".md", link.Segments[^1]);
            Assert.True(File.Exists(Path.Combine(pages, link.Segments[^1])), $"{descriptor.HelpLinkUri} names no file in docs/rules.");
        });
    }

    [Fact]
    public void RepositoryUrl_IsThePackagesProjectUrl()
    {
        var props = File.ReadAllText(Path.Combine(TestEnvironment.RepositoryRoot, "src", "Directory.Build.props"));

        Assert.Contains($"<PackageProjectUrl>{Descriptors.RepositoryUrl}</PackageProjectUrl>", props, StringComparison.Ordinal);
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

    private static IEnumerable<string> IdValues() =>
        typeof(DiagnosticIds).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetRawConstantValue()!);

    /// <summary>Every descriptor: the analyzers' and the generator's, all declared in <see cref="Descriptors"/>.</summary>
    private static IEnumerable<DiagnosticDescriptor> AllDescriptors() =>
        typeof(Descriptors).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!);
}
