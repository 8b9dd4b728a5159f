using System.Reflection;
using ImportErrorAnalytics.Aggregation;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace ImportErrorAnalytics.Analyzers.Tests.Support;

/// <summary>Offline reference assemblies (the SDK's targeting pack) plus the ImportErrorAnalytics library.</summary>
internal static class TestEnvironment
{
    private static readonly Lazy<MetadataReference[]> References = new(Load);

    public static ReferenceAssemblies ReferenceAssemblies { get; } = new("net10.0-local");

    public static string RepositoryRoot => Metadata("RepositoryRoot");

    public static string ReferenceAssembliesPath => Metadata("ReferenceAssembliesPath");

    public static string LoggingGeneratorPath => Metadata("LoggingGeneratorPath");

    public static IReadOnlyList<MetadataReference> AdditionalReferences => References.Value;

    public static void Configure(SolutionState state)
    {
        state.AdditionalReferences.AddRange(References.Value);
    }

    private static MetadataReference[] Load()
    {
        var folder = Metadata("ReferenceAssembliesPath");
        return
        [
            .. Directory.GetFiles(folder, "*.dll").Order(StringComparer.Ordinal).Select(path => MetadataReference.CreateFromFile(path)),
            MetadataReference.CreateFromFile(typeof(IErrorAggregator<,>).Assembly.Location),
            // HubSpotAccessToken (IEA0002) lives in the HubSpot package.
            MetadataReference.CreateFromFile(typeof(ImportErrorAnalytics.HubSpot.HubSpotAccessToken).Assembly.Location),
        ];
    }

    private static string Metadata(string key) =>
        typeof(TestEnvironment).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException($"The assembly metadata {key} is missing.");
}
