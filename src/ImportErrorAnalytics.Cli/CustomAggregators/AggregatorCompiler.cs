using System.Diagnostics.CodeAnalysis;
using System.Collections.Immutable;
using System.Reflection;
using System.Text;
using ImportErrorAnalytics.Aggregation;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ImportErrorAnalytics.Cli.CustomAggregators;

/// <summary>
/// Compiles one C# source file against the runtime and the ImportErrorAnalytics library, with the
/// <c>[ErrorAggregator]</c> generator (IEA0005-IEA0010) and the IEA analyzers (IEA0001-IEA0004), as a project
/// referencing the package would.
/// </summary>
[RequiresUnreferencedCode("Compiles C# with Roslyn and loads the result into collectible contexts: the JIT build of iea only (JitOnlyFeatures).")]
[RequiresDynamicCode("Compiles C# with Roslyn and loads the result into collectible contexts: the JIT build of iea only (JitOnlyFeatures).")]
internal static class AggregatorCompiler
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(CreateReferences);

    private static readonly Lazy<ImmutableArray<DiagnosticAnalyzer>> Analyzers = new(CreateAnalyzers);

    private static readonly Lazy<ImmutableArray<ISourceGenerator>> Generators = new(CreateGenerators);

    /// <summary>Compiles <paramref name="source"/>; the image is <see langword="null"/> when there are errors.</summary>
    public static async Task<(byte[]? Image, IReadOnlyList<AggregatorDiagnostic> Diagnostics)> CompileAsync(
        string source, string path, string assemblyName, CancellationToken cancellationToken)
    {
        var parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
        var tree = CSharpSyntaxTree.ParseText(source, parseOptions, path, Encoding.UTF8, cancellationToken);
        var written = CSharpCompilation.Create(
            assemblyName,
            [tree],
            References.Value,
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                optimizationLevel: OptimizationLevel.Release,
                deterministic: true));
        CSharpGeneratorDriver.Create(Generators.Value, parseOptions: parseOptions)
            .RunGeneratorsAndUpdateCompilation(written, out var compilation, out var generatorDiagnostics, cancellationToken);
        var analyzed = compilation.WithAnalyzers(Analyzers.Value, new CompilationWithAnalyzersOptions(
            new AnalyzerOptions([]), onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: false));
        var all = await analyzed.GetAllDiagnosticsAsync(cancellationToken).ConfigureAwait(false);
        var diagnostics = generatorDiagnostics.Concat(all)
            .Where(d => d.Severity is DiagnosticSeverity.Error or DiagnosticSeverity.Warning || d.IsWarningAsError)
            .OrderBy(d => d.Location.SourceSpan.Start)
            .ThenBy(d => d.Id, StringComparer.Ordinal)
            .Select(ToDiagnostic)
            .ToList();
        if (diagnostics.Any(d => d.IsError))
        {
            return (null, diagnostics);
        }

        using var image = new MemoryStream();
        var emitted = compilation.Emit(image, cancellationToken: cancellationToken);
        if (!emitted.Success)
        {
            diagnostics.AddRange(emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(ToDiagnostic));
            return (null, diagnostics);
        }

        return (image.ToArray(), diagnostics);
    }

    private static AggregatorDiagnostic ToDiagnostic(Diagnostic diagnostic)
    {
        var position = diagnostic.Location.GetLineSpan().StartLinePosition;
        return new AggregatorDiagnostic(
            diagnostic.Severity == DiagnosticSeverity.Error || diagnostic.IsWarningAsError,
            diagnostic.Id,
            position.Line + 1,
            position.Character + 1,
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>The runtime's trusted platform assemblies and the library (deduplicated by file name).</summary>
    [UnconditionalSuppressMessage("SingleFile", "IL3000:Avoid accessing Assembly file path when publishing as a single file", Justification = "An empty location (an assembly without a file) is skipped; the JIT build that runs this has the library as a file, listed among the trusted platform assemblies too.")]
    private static ImmutableArray<MetadataReference> CreateReferences()
    {
        var paths = ((AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string) ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(p => p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .Append(typeof(IErrorAggregator).Assembly.Location)
            .Where(p => p.Length > 0 && File.Exists(p))
            .GroupBy(Path.GetFileName, StringComparer.OrdinalIgnoreCase)
            .Select(g => g.First());
        var references = ImmutableArray.CreateBuilder<MetadataReference>();
        foreach (var path in paths)
        {
            try
            {
                references.Add(MetadataReference.CreateFromFile(path));
            }
            catch (BadImageFormatException)
            {
                // A native image in the list: not a reference.
            }
        }

        return references.ToImmutable();
    }

    private static ImmutableArray<DiagnosticAnalyzer> CreateAnalyzers() =>
    [
        .. AggregatorBuilds.AnalyzerAssembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) is not null)
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!),
    ];

    /// <summary>The generators of the analyzer assembly (the <c>[ErrorAggregator]</c> one).</summary>
    private static ImmutableArray<ISourceGenerator> CreateGenerators() =>
    [
        .. AggregatorBuilds.AnalyzerAssembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(IIncrementalGenerator).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) is not null)
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => ((IIncrementalGenerator)Activator.CreateInstance(t)!).AsSourceGenerator()),
    ];
}
