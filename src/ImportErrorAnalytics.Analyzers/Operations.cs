using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ImportErrorAnalytics.Analyzers;

/// <summary>Small helpers over <see cref="IOperation"/> trees.</summary>
internal static class Operations
{
    /// <summary>The operand under any implicit or explicit conversions.</summary>
    public static IOperation WithoutConversions(this IOperation operation)
    {
        while (operation is IConversionOperation conversion)
        {
            operation = conversion.Operand;
        }

        return operation;
    }

    /// <summary>The string literal <paramref name="operation"/> is (under conversions), or null.</summary>
    public static ILiteralOperation? AsStringLiteral(this IOperation? operation) =>
        operation?.WithoutConversions() is ILiteralOperation { ConstantValue: { HasValue: true, Value: string } } literal ? literal : null;

    /// <summary>The parent under any conversions.</summary>
    public static IOperation? ParentWithoutConversions(this IOperation operation)
    {
        var parent = operation.Parent;
        while (parent is IConversionOperation)
        {
            parent = parent.Parent;
        }

        return parent;
    }
}
