using System.Reflection;
using System.Runtime.Loader;
using ImportErrorAnalytics.Analyzers.Generation;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ImportErrorAnalytics.Analyzers.Tests.Support;

/// <summary>
/// Compiles C# source with the <c>[ErrorAggregator]</c> generator (offline reference assemblies plus the library),
/// asserts the result is free of errors and warnings, and loads it into a collectible context that shares the
/// library already loaded here, so its aggregators can be run and their contracts used.
/// </summary>
internal sealed class GeneratorRun : IDisposable
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private readonly SharedLibraryContext _context;

    private GeneratorRun(SharedLibraryContext context, Assembly assembly, IReadOnlyList<SyntaxTree> generated)
    {
        _context = context;
        Assembly = assembly;
        Generated = generated;
    }

    public Assembly Assembly { get; }

    /// <summary>The sources the generator added.</summary>
    public IReadOnlyList<SyntaxTree> Generated { get; }

    public static CSharpCompilation Compilation(params string[] sources) => CSharpCompilation.Create(
        "GeneratorRun_" + Guid.NewGuid().ToString("N"),
        sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, $"Source{i}.cs")),
        TestEnvironment.AdditionalReferences,
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, warningLevel: 9999));

    public static GeneratorDriver Driver(bool trackSteps = false) => CSharpGeneratorDriver.Create(
        [new ErrorAggregatorGenerator().AsSourceGenerator()],
        parseOptions: ParseOptions,
        driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    /// <summary>Generates, compiles and loads <paramref name="source"/>; fails on any diagnostic of warning level or above.</summary>
    public static GeneratorRun Load(string source)
    {
        var compilation = Compilation(source);
        Driver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        Assert.Empty(generatorDiagnostics.Select(d => d.ToString()));
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString()));

        using var image = new MemoryStream();
        var emitted = output.Emit(image);
        Assert.True(emitted.Success, string.Join(Environment.NewLine, emitted.Diagnostics));
        image.Position = 0;
        var context = new SharedLibraryContext();
        return new GeneratorRun(context, context.LoadFromStream(image), output.SyntaxTrees.Except(compilation.SyntaxTrees).ToList());
    }

    public Type Type(string name) => Assembly.GetType(name, throwOnError: true)!;

    public void Dispose() => _context.Unload();

    /// <summary>Resolves the library and the framework to what the test host already loaded.</summary>
    private sealed class SharedLibraryContext() : AssemblyLoadContext(isCollectible: true)
    {
        protected override Assembly? Load(AssemblyName assemblyName) =>
            Default.Assemblies.FirstOrDefault(a => AssemblyName.ReferenceMatchesDefinition(assemblyName, a.GetName()));
    }
}
