using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ImportErrorAnalytics.Analyzers;

/// <summary>
/// IEA0001: a string literal used as a HubSpot error type name that HubSpot does not document. A literal is used as
/// an error type when it is passed to a parameter named <c>errorType</c> (or marked <c>[ErrorTypeName]</c>), assigned
/// to a library property named <c>ErrorType</c>, or compared with one (<c>==</c>, <c>!=</c>, <c>Equals</c>, <c>is</c>,
/// <c>switch</c> cases and arms).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UnknownErrorTypeAnalyzer : DiagnosticAnalyzer
{
    /// <summary>The diagnostic property holding the closest known name.</summary>
    public const string SuggestionKey = "Suggestion";

    private const string PropertyName = "ErrorType";
    private const string ParameterName = "errorType";

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Descriptors.UnknownErrorType];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var attribute = LibrarySymbols.From(start.Compilation).ErrorTypeNameAttribute;
            start.RegisterOperationAction(c => AnalyzeArgument(c, attribute), OperationKind.Argument);
            start.RegisterOperationAction(AnalyzeAssignment, OperationKind.SimpleAssignment);
            start.RegisterOperationAction(AnalyzeBinary, OperationKind.Binary);
            start.RegisterOperationAction(AnalyzeInvocation, OperationKind.Invocation);
            start.RegisterOperationAction(AnalyzeIsPattern, OperationKind.IsPattern);
            start.RegisterOperationAction(AnalyzeSwitch, OperationKind.Switch);
            start.RegisterOperationAction(AnalyzeSwitchExpression, OperationKind.SwitchExpression);
        });
    }

    private static void AnalyzeArgument(OperationAnalysisContext context, INamedTypeSymbol? attribute)
    {
        var argument = (IArgumentOperation)context.Operation;
        if (argument.Parameter is { } parameter && (parameter.Name == ParameterName || HasAttribute(parameter, attribute)))
        {
            CheckValue(context, argument.Value);
        }
    }

    private static void AnalyzeAssignment(OperationAnalysisContext context)
    {
        var assignment = (ISimpleAssignmentOperation)context.Operation;
        if (IsErrorTypeProperty(assignment.Target))
        {
            CheckValue(context, assignment.Value);
        }
    }

    private static void AnalyzeBinary(OperationAnalysisContext context)
    {
        var binary = (IBinaryOperation)context.Operation;
        if (binary.OperatorKind is BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals)
        {
            CheckComparison(context, binary.LeftOperand, binary.RightOperand);
        }
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var method = invocation.TargetMethod;
        if (method.Name != nameof(string.Equals) || method.ContainingType?.SpecialType != SpecialType.System_String)
        {
            return;
        }

        if (method.IsStatic && invocation.Arguments.Length >= 2)
        {
            CheckComparison(context, invocation.Arguments[0].Value, invocation.Arguments[1].Value);
        }
        else if (!method.IsStatic && invocation.Instance is { } instance && invocation.Arguments.Length >= 1)
        {
            CheckComparison(context, instance, invocation.Arguments[0].Value);
        }
    }

    private static void AnalyzeIsPattern(OperationAnalysisContext context)
    {
        var isPattern = (IIsPatternOperation)context.Operation;
        if (IsErrorTypeProperty(isPattern.Value))
        {
            CheckPattern(context, isPattern.Pattern);
        }
    }

    private static void AnalyzeSwitch(OperationAnalysisContext context)
    {
        var switchStatement = (ISwitchOperation)context.Operation;
        if (!IsErrorTypeProperty(switchStatement.Value))
        {
            return;
        }

        foreach (var section in switchStatement.Cases)
        {
            foreach (var clause in section.Clauses)
            {
                if (clause is ISingleValueCaseClauseOperation single && single.Value.AsStringLiteral() is { } literal)
                {
                    Check(context, literal);
                }
                else if (clause is IPatternCaseClauseOperation patternClause)
                {
                    CheckPattern(context, patternClause.Pattern);
                }
            }
        }
    }

    private static void AnalyzeSwitchExpression(OperationAnalysisContext context)
    {
        var switchExpression = (ISwitchExpressionOperation)context.Operation;
        if (IsErrorTypeProperty(switchExpression.Value))
        {
            foreach (var arm in switchExpression.Arms)
            {
                CheckPattern(context, arm.Pattern);
            }
        }
    }

    private static void CheckPattern(OperationAnalysisContext context, IPatternOperation pattern)
    {
        switch (pattern)
        {
            case IConstantPatternOperation constant when constant.Value.AsStringLiteral() is { } literal:
                Check(context, literal);
                break;
            case INegatedPatternOperation negated:
                CheckPattern(context, negated.Pattern);
                break;
            case IBinaryPatternOperation binary:
                CheckPattern(context, binary.LeftPattern);
                CheckPattern(context, binary.RightPattern);
                break;
        }
    }

    private static void CheckComparison(OperationAnalysisContext context, IOperation left, IOperation right)
    {
        if (IsErrorTypeProperty(left))
        {
            CheckValue(context, right);
        }
        else if (IsErrorTypeProperty(right))
        {
            CheckValue(context, left);
        }
    }

    /// <summary>Checks a literal value, or each literal branch of <c>c ? "A" : "B"</c> and <c>x ?? "A"</c>.</summary>
    private static void CheckValue(OperationAnalysisContext context, IOperation value)
    {
        switch (value.WithoutConversions())
        {
            case IConditionalOperation { WhenFalse: { } whenFalse } conditional:
                CheckValue(context, conditional.WhenTrue);
                CheckValue(context, whenFalse);
                break;
            case ICoalesceOperation coalesce:
                CheckValue(context, coalesce.WhenNull);
                break;
            default:
                if (value.AsStringLiteral() is { } literal)
                {
                    Check(context, literal);
                }

                break;
        }
    }

    private static bool IsErrorTypeProperty(IOperation operation) =>
        operation.WithoutConversions() is IPropertyReferenceOperation { Property: { Name: PropertyName } property }
        && LibrarySymbols.IsLibraryType(property.ContainingType);

    private static bool HasAttribute(IParameterSymbol parameter, INamedTypeSymbol? attribute)
    {
        if (attribute is null)
        {
            return false;
        }

        foreach (var data in parameter.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(data.AttributeClass, attribute))
            {
                return true;
            }
        }

        return false;
    }

    private static void Check(OperationAnalysisContext context, ILiteralOperation literal)
    {
        var name = (string)literal.ConstantValue.Value!;
        if (name.Length == 0 || KnownErrorTypes.Contains(name))
        {
            return;
        }

        var suggestion = KnownErrorTypes.Closest(name);
        var properties = ImmutableDictionary<string, string?>.Empty.Add(SuggestionKey, suggestion);
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.UnknownErrorType, literal.Syntax.GetLocation(), properties, name, suggestion));
    }
}
