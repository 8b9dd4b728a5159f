using System.Reflection;
using ImportErrorAnalytics.HubSpot;
using ImportErrorAnalytics.Pipeline;

namespace ImportErrorAnalytics.Tests.Architecture;

/// <summary>
/// The core library (model, parser, aggregators, pipeline, reports, snapshots, files) depends on no source package,
/// tool or test helper, and on no HTTP or Polly assembly: those are the HubSpot package's. Read from the compiled
/// assemblies' references, so a type used anywhere (a signature, a body, an attribute) counts.
/// </summary>
public class CoreAssemblyReferenceTests
{
    private static readonly Assembly Core = typeof(ImportErrorAnalyzer).Assembly;

    private static string[] References(Assembly assembly) => assembly.GetReferencedAssemblies().Select(name => name.Name!).ToArray();

    /// <summary>What the core must not reference: the other packages of the repository, the tool, HTTP and resilience.</summary>
    private static bool IsForbiddenForCore(string name) =>
        name is "ImportErrorAnalytics.HubSpot" or "ImportErrorAnalytics.Testing" or "ImportErrorAnalytics.Orleans" or "ImportErrorAnalytics.Orleans.PostgreSql" or "iea" or "iea-silo"
        || name.StartsWith("Npgsql", StringComparison.Ordinal)
        || name.StartsWith("Polly", StringComparison.Ordinal)
        || name.StartsWith("Microsoft.Extensions.Http", StringComparison.Ordinal)
        || name.StartsWith("System.Net.Http", StringComparison.Ordinal)
        || name.StartsWith("System.Threading.RateLimiting", StringComparison.Ordinal)
        || name.StartsWith("Microsoft.Extensions.DependencyInjection", StringComparison.Ordinal);

    [Fact]
    public void TheCoreAssembly_ReferencesNoSourcePackage_Tool_TestHelper_Http_OrPolly()
    {
        Assert.Equal("ImportErrorAnalytics", Core.GetName().Name);
        Assert.DoesNotContain(References(Core), IsForbiddenForCore);
    }

    /// <summary>The same rule finds what the HubSpot package references: it can fail.</summary>
    [Fact]
    public void TheHubSpotAssembly_IsWhereHttpPollyAndRateLimitingAre()
    {
        var hubSpot = References(typeof(HubSpotSourceOptions).Assembly);

        Assert.Contains("ImportErrorAnalytics", hubSpot);
        Assert.Contains("Polly.Core", hubSpot);
        Assert.Contains("System.Net.Http", hubSpot);
        Assert.Contains("System.Threading.RateLimiting", hubSpot);
        Assert.Contains(hubSpot, IsForbiddenForCore);
    }

    /// <summary>The core's own namespaces hold nothing of HubSpot's API source: no type of the core names a HubSpot client, source or limiter.</summary>
    [Fact]
    public void NoCoreType_LivesInAHubSpotNamespace()
    {
        Assert.Empty(Core.GetTypes().Where(type => type.Namespace?.Contains("HubSpot", StringComparison.Ordinal) == true).Select(type => type.FullName));
    }
}
