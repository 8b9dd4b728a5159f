using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace ImportErrorAnalytics.Analyzers.Tests.Support;

/// <summary>Runs an analyzer (and optionally its fix) over C# sources written with <c>[|...|]</c> markup.</summary>
internal static class Verify<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    public static Task AnalyzerAsync(string source)
    {
        var test = new CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
        {
            TestCode = source,
            ReferenceAssemblies = TestEnvironment.ReferenceAssemblies,
        };
        TestEnvironment.Configure(test.TestState);
        return test.RunAsync();
    }

    public static Task CodeFixAsync<TCodeFix>(string source, string fixedSource)
        where TCodeFix : CodeFixProvider, new()
    {
        var test = new CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
        {
            TestCode = source,
            FixedCode = fixedSource,
            ReferenceAssemblies = TestEnvironment.ReferenceAssemblies,
        };
        TestEnvironment.Configure(test.TestState);
        TestEnvironment.Configure(test.FixedState);
        return test.RunAsync();
    }
}
