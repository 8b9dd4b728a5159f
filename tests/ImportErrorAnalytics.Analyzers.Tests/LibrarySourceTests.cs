using System.Collections.Immutable;
using System.Reflection;
using ImportErrorAnalytics.Analyzers.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ImportErrorAnalytics.Analyzers.Tests;

/// <summary>The analyzers over the library's own sources (compiled with its source generators): its built-in aggregators are the correct-usage corpus.</summary>
public sealed class LibrarySourceTests
{
    private static readonly ImmutableArray<DiagnosticAnalyzer> AllAnalyzers =
    [
        new UnknownErrorTypeAnalyzer(),
        new HardCodedAccessTokenAnalyzer(),
        new HotPathAllocationAnalyzer(),
        new MergeNotImplementedAnalyzer(),
    ];

    [Fact]
    public async Task AllRules_DoNotTrigger_OnTheLibrarySources()
    {
        var compilation = LibraryCompilation.Create();
        var builtIn = compilation.SyntaxTrees.Where(t => t.FilePath.Contains("BuiltIn", StringComparison.Ordinal)).ToList();
        Assert.True(builtIn.Count >= 10, $"Expected the BuiltIn aggregator sources, found {builtIn.Count} files.");

        var diagnostics = await compilation.WithAnalyzers(AllAnalyzers).GetAnalyzerDiagnosticsAsync();

        Assert.Empty(diagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public async Task AllRules_Run_OnTheBuiltInAggregators()
    {
        // Guards the test above against passing vacuously: the library compiles, and a deliberately allocating line
        // added to a built-in Add is caught.
        var compilation = LibraryCompilation.Create();
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()));

        var totals = compilation.SyntaxTrees.Single(t => t.FilePath.EndsWith("TotalsAggregator.cs", StringComparison.Ordinal));
        var text = (await totals.GetTextAsync()).ToString();
        var broken = text.Replace("state.Errors++;", "state.Errors += record.LineNumber.ToString().Length;", StringComparison.Ordinal);
        Assert.NotEqual(text, broken);
        var changed = compilation.ReplaceSyntaxTree(totals, totals.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(broken)));

        var diagnostics = await changed.WithAnalyzers(AllAnalyzers).GetAnalyzerDiagnosticsAsync();

        Assert.Equal(DiagnosticIds.HotPathAllocation, Assert.Single(diagnostics).Id);
    }
}
