using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace ImportErrorAnalytics.Analyzers;

/// <summary>
/// IEA0003: allocations written in the body of an <c>IErrorAggregator&lt;,&gt;.Add</c> implementation: <c>new</c> of
/// a reference type or array, collection expressions that are not spans, string concatenation and interpolation,
/// LINQ, capturing lambdas and local functions, boxing, params arrays, <c>ToString()</c>, <c>Encoding.GetString</c> and
/// <see cref="string"/> methods that build a new string (<c>Substring</c>, <c>Format</c>, <c>ToUpper</c>, ...).
/// Calls into other methods are not followed.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class HotPathAllocationAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Descriptors.HotPathAllocation];

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

            var enumerable = start.Compilation.GetTypeByMetadataName("System.Linq.Enumerable");
            var encoding = start.Compilation.GetTypeByMetadataName("System.Text.Encoding");
            start.RegisterOperationBlockStartAction(block =>
            {
                if (block.OwningSymbol is not IMethodSymbol method || !symbols.ImplementsAggregatorMethod(method, "Add"))
                {
                    return;
                }

                var checker = new Checker(method, enumerable, encoding);
                block.RegisterOperationAction(
                    checker.Analyze,
                    OperationKind.ObjectCreation,
                    OperationKind.TypeParameterObjectCreation,
                    OperationKind.ArrayCreation,
                    OperationKind.CollectionExpression,
                    OperationKind.Binary,
                    OperationKind.CompoundAssignment,
                    OperationKind.InterpolatedString,
                    OperationKind.Invocation,
                    OperationKind.AnonymousFunction,
                    OperationKind.LocalFunction,
                    OperationKind.DelegateCreation,
                    OperationKind.Conversion,
                    OperationKind.AnonymousObjectCreation);
            });
        });
    }

    /// <summary>Methods of <see cref="string"/> that build a new string.</summary>
    private static readonly ImmutableHashSet<string> AllocatingStringMethods = ImmutableHashSet.Create(
        StringComparer.Ordinal,
        "Concat", "Format", "Join", "Create", "Substring", "Replace", "Insert", "Remove", "PadLeft", "PadRight", "Split",
        "ToUpper", "ToLower", "ToUpperInvariant", "ToLowerInvariant", "Trim", "TrimStart", "TrimEnd", "Normalize");

    private sealed class Checker(IMethodSymbol method, INamedTypeSymbol? enumerable, INamedTypeSymbol? encoding)
    {
        public void Analyze(OperationAnalysisContext context)
        {
            if (Describe(context.Operation) is { } what)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.HotPathAllocation, LocationOf(context.Operation), what, method.ContainingType.Name));
            }
        }

        private string? Describe(IOperation operation) => operation switch
        {
            IObjectCreationOperation { Type.IsReferenceType: true } creation => $"'new {creation.Type!.Name}'",
            ITypeParameterObjectCreationOperation { Type.IsValueType: false } => "'new T()'",
            IAnonymousObjectCreationOperation => "An anonymous object",
            IArrayCreationOperation { IsImplicit: false } => "An array creation",
            IArrayCreationOperation array when IsParamsArray(array) => "A params array",
            ICollectionExpressionOperation collection when !IsSpan(collection.Type) => "A collection expression",
            IBinaryOperation { OperatorKind: BinaryOperatorKind.Add, Type.SpecialType: SpecialType.System_String, ConstantValue.HasValue: false } =>
                "String concatenation",
            ICompoundAssignmentOperation { OperatorKind: BinaryOperatorKind.Add, Type.SpecialType: SpecialType.System_String } =>
                "String concatenation",
            IInterpolatedStringOperation interpolated when !interpolated.ConstantValue.HasValue && interpolated.Parent is not IInterpolatedStringHandlerCreationOperation =>
                "String interpolation",
            IInvocationOperation invocation => DescribeInvocation(invocation),
            IAnonymousFunctionOperation lambda when Captures(lambda.Symbol, lambda.Body) => "A lambda that captures variables (a closure)",
            ILocalFunctionOperation local when local.Body is { } body && Captures(local.Symbol, body) =>
                $"The closure of the local function '{local.Symbol.Name}'",
            IDelegateCreationOperation { Target: IMethodReferenceOperation { Method.IsStatic: false } } => "A method group converted to a delegate",
            IConversionOperation conversion when conversion.GetConversion().IsBoxing => $"Boxing '{conversion.Operand.Type?.Name}'",
            _ => null,
        };

        /// <summary>The operation's syntax; for an implicit params array, the span of its elements.</summary>
        private static Location LocationOf(IOperation operation)
        {
            if (operation is IArrayCreationOperation { IsImplicit: true, Initializer.ElementValues: { Length: > 0 } elements })
            {
                var span = TextSpan.FromBounds(elements[0].Syntax.SpanStart, elements[elements.Length - 1].Syntax.Span.End);
                return Location.Create(operation.Syntax.SyntaxTree, span);
            }

            return operation.Syntax.GetLocation();
        }

        private string? DescribeInvocation(IInvocationOperation invocation)
        {
            var target = invocation.TargetMethod;
            if (enumerable is not null && SymbolEqualityComparer.Default.Equals(target.ContainingType, enumerable))
            {
                return $"The LINQ call '{target.Name}'";
            }

            if (target.ContainingType?.SpecialType == SpecialType.System_String && AllocatingStringMethods.Contains(target.Name))
            {
                return $"'string.{target.Name}'";
            }

            if (target.Name == nameof(ToString) && target.Parameters.IsEmpty && !target.IsStatic
                && invocation.Instance?.Type?.SpecialType != SpecialType.System_String)
            {
                return "'ToString()'";
            }

            if (target.Name == "GetString" && encoding is not null && InheritsFrom(target.ContainingType, encoding))
            {
                return "'Encoding.GetString'";
            }

            return null;
        }

        private static bool IsParamsArray(IArrayCreationOperation array) =>
            array.Parent is IArgumentOperation { ArgumentKind: ArgumentKind.ParamArray }
            && array.Initializer is { ElementValues.Length: > 0 };

        private static bool IsSpan(ITypeSymbol? type) =>
            type is INamedTypeSymbol { Name: "Span" or "ReadOnlySpan", ContainingNamespace.Name: "System", ContainingNamespace.ContainingNamespace.IsGlobalNamespace: true };

        private static bool InheritsFrom(INamedTypeSymbol? type, INamedTypeSymbol baseType)
        {
            for (; type is not null; type = type.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(type, baseType))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Whether <paramref name="function"/> uses <c>this</c> or a local or parameter declared outside it.</summary>
        private static bool Captures(IMethodSymbol function, IOperation body)
        {
            if (function.IsStatic)
            {
                return false;
            }

            foreach (var operation in body.DescendantsAndSelf())
            {
                var captured = operation switch
                {
                    IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance } => true,
                    ILocalReferenceOperation local => !IsInside(local.Local.ContainingSymbol, function),
                    IParameterReferenceOperation parameter => !IsInside(parameter.Parameter.ContainingSymbol, function),
                    _ => false,
                };
                if (captured)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsInside(ISymbol? symbol, IMethodSymbol function)
        {
            for (; symbol is not null; symbol = symbol.ContainingSymbol)
            {
                if (SymbolEqualityComparer.Default.Equals(symbol, function))
                {
                    return true;
                }

                if (symbol is not IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LocalFunction })
                {
                    return false;
                }
            }

            return false;
        }
    }
}
