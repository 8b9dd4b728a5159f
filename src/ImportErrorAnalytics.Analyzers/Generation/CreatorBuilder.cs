using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace ImportErrorAnalytics.Analyzers.Generation;

/// <summary>
/// Chooses how an object of the contract is created when JSON is read, as reflection-based serialization does: the
/// public constructor marked <c>[JsonConstructor]</c>, else the public parameterless one, else a class's only public
/// constructor; its parameters bind to properties by name (ignoring case) and type. Init-only and required properties
/// are set in the object initializer.
/// </summary>
internal static class CreatorBuilder
{
    /// <summary>The creator, or <see langword="null"/> when the type cannot be created from JSON (it can still be written).</summary>
    public static CreatorModel? Describe(INamedTypeSymbol type, IReadOnlyList<(IPropertySymbol Symbol, PropertyModel Model)> properties)
    {
        if (type.IsAbstract || type.IsStatic || Constructor(type) is not { } constructor)
        {
            return null;
        }

        var parameters = new List<ParameterModel>();
        var bound = new HashSet<string>(StringComparer.Ordinal);
        foreach (var parameter in constructor.Parameters)
        {
            var match = properties.FirstOrDefault(p =>
                string.Equals(p.Symbol.Name, parameter.Name, StringComparison.OrdinalIgnoreCase)
                && SymbolEqualityComparer.Default.Equals(p.Symbol.Type, parameter.Type));
            if (match.Symbol is null || parameter.RefKind != RefKind.None)
            {
                return null; // Reflection-based serialization refuses such a constructor too.
            }

            bound.Add(match.Symbol.Name);
            var typeName = match.Model.TypeName;
            var defaultValue = parameter.HasExplicitDefaultValue ? Naming.Literal(parameter.ExplicitDefaultValue, typeName) : null;
            parameters.Add(new ParameterModel(parameter.Name, typeName, parameters.Count, defaultValue, IsNullable(parameter.Type), IsMemberInitializer: false));
        }

        var initialized = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (symbol, model) in properties)
        {
            if (model.Setter == SetterKind.Initializer && !bound.Contains(symbol.Name))
            {
                parameters.Add(new ParameterModel(symbol.Name, model.TypeName, parameters.Count, null, IsNullable(symbol.Type), IsMemberInitializer: true));
                initialized.Add(symbol.Name);
            }
        }

        return SetsAllRequiredMembers(type, constructor, initialized) ? new CreatorModel(parameters.ToEquatableArray()) : null;
    }

    private static IMethodSymbol? Constructor(INamedTypeSymbol type)
    {
        var candidates = type.InstanceConstructors.Where(c => c.DeclaredAccessibility == Accessibility.Public).ToList();
        var marked = candidates.Where(c => c.GetAttributes().Any(a => a.AttributeClass?.Name == "JsonConstructorAttribute")).ToList();
        if (marked.Count > 0)
        {
            return marked.Count == 1 ? marked[0] : null;
        }

        return candidates.FirstOrDefault(c => c.Parameters.Length == 0)
            ?? (type.IsReferenceType && candidates.Count == 1 ? candidates[0] : null);
    }

    /// <summary>Whether <c>new T(...) { ... }</c> sets every <c>required</c> member (or the constructor says it does).</summary>
    private static bool SetsAllRequiredMembers(INamedTypeSymbol type, IMethodSymbol constructor, HashSet<string> initialized)
    {
        if (constructor.GetAttributes().Any(a => a.AttributeClass?.Name == "SetsRequiredMembersAttribute"))
        {
            return true;
        }

        for (var current = type; current is not null; current = current.BaseType)
        {
            foreach (var member in current.GetMembers())
            {
                var required = member is IPropertySymbol { IsRequired: true } or IFieldSymbol { IsRequired: true };
                if (required && !initialized.Contains(member.Name))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static bool IsNullable(ITypeSymbol type) =>
        type.IsValueType
            ? type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T
            : type.NullableAnnotation != NullableAnnotation.NotAnnotated;
}
