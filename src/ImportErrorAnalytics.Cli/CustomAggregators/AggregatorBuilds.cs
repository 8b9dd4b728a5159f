using System.Reflection;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using ImportErrorAnalytics.Aggregation;
using Microsoft.CodeAnalysis.CSharp;

namespace ImportErrorAnalytics.Cli.CustomAggregators;

/// <summary>
/// The builds an aggregator image depends on: the runtime whose assemblies it is compiled against, the
/// ImportErrorAnalytics library, the IEA analyzers and generator, and the C# compiler. Each is named by its version
/// and module version id (a new id for every build), so a cache entry written by other builds never matches.
/// </summary>
/// <param name="Runtime">The .NET runtime (its reference assemblies are the compile's references).</param>
/// <param name="Library">The ImportErrorAnalytics library the image references.</param>
/// <param name="Analyzers">The IEA analyzers and the <c>[ErrorAggregator]</c> generator run on the source.</param>
/// <param name="Compiler">Roslyn's C# compiler.</param>
internal sealed record AggregatorBuilds(string Runtime, string Library, string Analyzers, string Compiler)
{
    /// <summary>The assembly holding the IEA analyzers (a normal project reference of the CLI).</summary>
    internal static Assembly AnalyzerAssembly => typeof(global::ImportErrorAnalytics.Analyzers.HotPathAllocationAnalyzer).Assembly;

    /// <summary>The builds of this process: fixed when the process loads these assemblies, so no state to own.</summary>
    public static AggregatorBuilds Current { get; } = new(
        $"{RuntimeInformation.FrameworkDescription} {Identity(typeof(object).Assembly)}",
        Identity(typeof(IErrorAggregator).Assembly),
        Identity(AnalyzerAssembly),
        $"{Identity(typeof(CSharpCompilation).Assembly)} {Identity(typeof(Microsoft.CodeAnalysis.Compilation).Assembly)}");

    /// <summary>
    /// The cache key of a source whose SHA-256 is <paramref name="sourceSha256"/> under these builds: SHA-256 of a
    /// labelled, length-prefixed list of the source hash and every build identity.
    /// </summary>
    public string Key(string sourceSha256)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var field in (ReadOnlySpan<string>)["iea-aggregator-cache/2", sourceSha256, Runtime, Library, Analyzers, Compiler])
        {
            var bytes = Encoding.UTF8.GetBytes(field);
            sha.AppendData(BitConverter.GetBytes(bytes.Length));
            sha.AppendData(bytes);
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    private static string Identity(Assembly assembly) =>
        $"{assembly.GetName().Name} {assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? assembly.GetName().Version?.ToString()} {assembly.ManifestModule.ModuleVersionId:N}";
}
