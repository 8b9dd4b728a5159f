using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ImportErrorAnalytics.Analyzers.Tests.Support;

/// <summary>A compilation of the library's own sources (src/ImportErrorAnalytics), read from the repository.</summary>
internal static class LibraryCompilation
{
    private const string GlobalUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    public static CSharpCompilation Create()
    {
        var folder = Path.Combine(TestEnvironment.RepositoryRoot, "src", "ImportErrorAnalytics");
        var options = new CSharpParseOptions(LanguageVersion.Preview);
        var trees = Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(path => CSharpSyntaxTree.ParseText(File.ReadAllText(path), options, path))
            .Append(CSharpSyntaxTree.ParseText(GlobalUsings, options, "GlobalUsings.cs"))
            .ToList();

        var library = typeof(ImportErrorAnalytics.Aggregation.IErrorAggregator<,>).Assembly.Location;
        // Every package assembly the library references (Polly, Microsoft.Extensions.*, System.IO.Hashing, ...), found
        // beside it; the framework's own come with the reference pack.
        var referenced = typeof(ImportErrorAnalytics.Aggregation.IErrorAggregator<,>).Assembly.GetReferencedAssemblies()
            .Select(name => name.Name + ".dll")
            .ToHashSet(StringComparer.Ordinal);
        var dependencyPaths = Directory.GetFiles(Path.GetDirectoryName(library)!, "*.dll")
            .Where(path => referenced.Contains(Path.GetFileName(path))
                || Path.GetFileName(path).StartsWith("Microsoft.Extensions.", StringComparison.Ordinal))
            .ToList();
        // A framework assembly that a package also ships newer (System.Diagnostics.DiagnosticSource 11, which
        // Microsoft.Extensions.Logging.Abstractions 11 brings) is referenced once, in the package's version the library
        // was built against: both would make every type of it ambiguous (CS0433).
        var fromPackages = dependencyPaths.Select(Path.GetFileName).ToHashSet(StringComparer.Ordinal);
        var references = TestEnvironment.AdditionalReferences
            .Where(r => r.Display != library && !fromPackages.Contains(Path.GetFileName(r.Display)))
            .Concat(dependencyPaths.Select(path => MetadataReference.CreateFromFile(path)));

        var compilation = CSharpCompilation.Create(
            "ImportErrorAnalytics",
            trees,
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: true));
        CSharpGeneratorDriver.Create(Generators().ToArray())
            .WithUpdatedParseOptions(options)
            .RunGeneratorsAndUpdateCompilation(compilation, out var generated, out _);
        return (CSharpCompilation)generated;
    }

    /// <summary>The library's source generators: System.Text.Json's (from the SDK's ref pack) and the logging one.</summary>
    private static IEnumerable<ISourceGenerator> Generators()
    {
        var refPack = Path.GetFullPath(Path.Combine(TestEnvironment.ReferenceAssembliesPath, "..", "..", "analyzers", "dotnet", "cs"));
        string[] paths = [Path.Combine(refPack, "System.Text.Json.SourceGeneration.dll"), TestEnvironment.LoggingGeneratorPath];
        foreach (var path in paths)
        {
            var assembly = Assembly.LoadFrom(path);
            foreach (var type in assembly.GetTypes().Where(t => !t.IsAbstract && typeof(IIncrementalGenerator).IsAssignableFrom(t)))
            {
                yield return ((IIncrementalGenerator)Activator.CreateInstance(type)!).AsSourceGenerator();
            }
        }
    }
}
