using ImportErrorAnalytics.Analyzers.Generation;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;

namespace ImportErrorAnalytics.Analyzers.Tests.Support;

/// <summary>
/// Runs the <c>[ErrorAggregator]</c> generator with Microsoft.CodeAnalysis.Testing over C# sources with
/// <c>{|IEA0005:...|}</c> markup: the generator's diagnostics and the compiler's errors must be exactly the marked ones.
/// </summary>
internal static class GeneratorVerify
{
    /// <summary>Checks the diagnostics only (the generated sources are checked by compiling and running them elsewhere).</summary>
    public static Task DiagnosticsAsync(string source, params DiagnosticResult[] expected)
    {
        var test = Create(source);
        test.TestBehaviors |= TestBehaviors.SkipGeneratedSourcesCheck;
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    /// <summary>The diagnostic <paramref name="id"/> at the markup location <c>{|#0:...|}</c>.</summary>
    public static DiagnosticResult Diagnostic(string id, int location = 0)
    {
        var descriptor = typeof(Descriptors).GetFields()
            .Select(f => f.GetValue(null))
            .OfType<Microsoft.CodeAnalysis.DiagnosticDescriptor>()
            .Single(d => d.Id == id);
        return new DiagnosticResult(descriptor).WithLocation(location);
    }

    /// <summary>Checks the diagnostics and that the generator writes exactly <paramref name="generated"/> (hint name, text).</summary>
    public static Task GeneratesAsync(string source, params (string HintName, string Text)[] generated)
    {
        var test = Create(source);
        foreach (var (hintName, text) in generated)
        {
            test.TestState.GeneratedSources.Add((typeof(ErrorAggregatorGenerator), hintName, text));
        }

        return test.RunAsync();
    }

    private static CSharpSourceGeneratorTest<ErrorAggregatorGenerator, DefaultVerifier> Create(string source)
    {
        var test = new CSharpSourceGeneratorTest<ErrorAggregatorGenerator, DefaultVerifier>
        {
            TestCode = source,
            ReferenceAssemblies = TestEnvironment.ReferenceAssemblies,
        };
        TestEnvironment.Configure(test.TestState);
        return test;
    }
}
