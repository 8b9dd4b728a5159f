using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ImportErrorAnalytics.Analyzers;

/// <summary>
/// IEA0004: an <c>IErrorAggregator&lt;,&gt;.Merge</c> implementation whose body is empty or only throws
/// <see cref="System.NotImplementedException"/> or <see cref="System.NotSupportedException"/>.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class MergeNotImplementedAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Descriptors.MergeNotImplemented];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var symbols = LibrarySymbols.From(start.Compilation);
            if (symbols.ErrorAggregator is null)
            {
                return;
            }

            var notImplemented = start.Compilation.GetTypeByMetadataName("System.NotImplementedException");
            var notSupported = start.Compilation.GetTypeByMetadataName("System.NotSupportedException");
            start.RegisterOperationBlockAction(block =>
            {
                if (block.OwningSymbol is not IMethodSymbol method || !symbols.ImplementsAggregatorMethod(method, "Merge"))
                {
                    return;
                }

                foreach (var root in block.OperationBlocks)
                {
                    var body = root is IMethodBodyOperation methodBody ? methodBody.BlockBody ?? methodBody.ExpressionBody : root;
                    if (body is not IBlockOperation blockBody)
                    {
                        continue;
                    }

                    var problem = Classify(blockBody, notImplemented, notSupported);
                    if (problem is not null)
                    {
                        block.ReportDiagnostic(Diagnostic.Create(
                            Descriptors.MergeNotImplemented, method.Locations[0], method.ContainingType.Name, problem));
                    }
                }
            });
        });
    }

    private static string? Classify(IBlockOperation block, INamedTypeSymbol? notImplemented, INamedTypeSymbol? notSupported)
    {
        IOperation? only = null;
        foreach (var statement in block.Operations)
        {
            if (statement is IReturnOperation { ReturnedValue: null })
            {
                continue;
            }

            if (only is not null)
            {
                return null;
            }

            only = statement;
        }

        if (only is null)
        {
            return "has an empty body";
        }

        if (only is IExpressionStatementOperation statementExpression)
        {
            only = statementExpression.Operation;
        }

        if (only is IThrowOperation { Exception: { } exception }
            && exception.WithoutConversions().Type is { } type
            && (SymbolEqualityComparer.Default.Equals(type, notImplemented) || SymbolEqualityComparer.Default.Equals(type, notSupported)))
        {
            return $"only throws {type.Name}";
        }

        return null;
    }
}
