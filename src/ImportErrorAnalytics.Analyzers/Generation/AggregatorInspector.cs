using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ImportErrorAnalytics.Analyzers.Generation;

/// <summary>Reads an <c>[ErrorAggregator]</c> class into an <see cref="AggregatorModel"/>, with the diagnostics IEA0005-IEA0010 (but IEA0007).</summary>
internal static class AggregatorInspector
{
    public const string AttributeName = "ImportErrorAnalytics.Aggregation.ErrorAggregatorAttribute";

    private const string InterfaceName = "IErrorAggregator<TState, TResult>";

    public static AggregatorModel Inspect(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var type = (INamedTypeSymbol)context.TargetSymbol;
        var syntax = (TypeDeclarationSyntax)context.TargetNode;
        var compilation = context.SemanticModel.Compilation;
        var location = LocationInfo.From(syntax.Identifier.GetLocation());
        var display = type.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat);
        var diagnostics = new List<DiagnosticInfo>();

        var notPartial = NotPartial(type, syntax);
        if (notPartial is not null)
        {
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.AggregatorNotPartial, location, notPartial));
        }

        var symbols = LibrarySymbols.From(compilation);
        var interfaces = type.AllInterfaces.Where(i => SymbolEqualityComparer.Default.Equals(i.OriginalDefinition, symbols.ErrorAggregator)).ToList();
        if (interfaces.Count != 1)
        {
            var why = interfaces.Count == 0 ? $"does not implement {InterfaceName}" : $"implements {InterfaceName} {interfaces.Count} times";
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.NotAnAggregator, location, display, why));
        }

        var contract = interfaces.Count == 1 ? interfaces[0] : null;
        var canExtend = notPartial is null && contract is not null;

        var (name, emitName) = contract is null ? (null, false) : ReadName(context.Attributes[0], type, display, location, diagnostics);

        ContractModel? contractModel = null;
        if (contract is not null && !Declares(type, "ResultTypeInfo"))
        {
            var (built, problems) = ContractBuilder.Build(contract.TypeArguments[1], type, compilation, cancellationToken);
            contractModel = built;
            foreach (var problem in problems)
            {
                diagnostics.Add(DiagnosticInfo.Create(Descriptors.ResultNotSerializable, location, display, $"'{problem.Path}'", problem.Reason));
            }
        }

        var notConstructible = NotConstructible(type, compilation);
        if (notConstructible is not null && contract is not null)
        {
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.AggregatorNotConstructible, location, display, notConstructible));
        }

        return new AggregatorModel(
            display,
            type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : null,
            Containers(type),
            Declaration(type),
            name,
            canExtend && emitName,
            contract?.TypeArguments[0].ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            contract?.TypeArguments[1].ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            canExtend ? contractModel : null,
            canExtend,
            canExtend && notConstructible is null,
            location,
            diagnostics.ToEquatableArray());
    }

    /// <summary>
    /// The aggregator's name: the attribute's argument, or the camelCased class name. The class must not declare
    /// <c>Name</c> itself (nor inherit an implementation): the attribute is the one place the name is written, so the
    /// generator knows it for the duplicate check (IEA0007).
    /// </summary>
    private static (string? Name, bool Emit) ReadName(AttributeData attribute, INamedTypeSymbol type, string display, LocationInfo? location, List<DiagnosticInfo> diagnostics)
    {
        string name;
        if (attribute.ConstructorArguments.Length == 1)
        {
            var given = attribute.ConstructorArguments[0].Value as string;
            if (string.IsNullOrWhiteSpace(given))
            {
                diagnostics.Add(DiagnosticInfo.Create(Descriptors.InvalidAggregatorName, location, display, "is given an empty name by [ErrorAggregator]"));
                return (null, false);
            }

            name = given!;
        }
        else
        {
            name = Naming.CamelCase(type.Name);
        }

        if (Declares(type, "Name"))
        {
            diagnostics.Add(DiagnosticInfo.Create(
                Descriptors.InvalidAggregatorName,
                location,
                display,
                $"declares Name itself; [ErrorAggregator] generates it: remove the declaration and write [ErrorAggregator({Naming.Quote(name)})] with the name you want"));
            return (null, false);
        }

        return (name, true);
    }

    /// <summary>Whether the class declares a member named <paramref name="member"/>, or inherits a public or interface implementation of it.</summary>
    private static bool Declares(INamedTypeSymbol type, string member)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            var own = ReferenceEquals(current, type);
            if (current.GetMembers(member).Any(m => own || m.DeclaredAccessibility is not Accessibility.Private))
            {
                return true;
            }

            if (current.GetMembers().Any(m => m is IPropertySymbol p && p.ExplicitInterfaceImplementations.Any(i => i.Name == member)))
            {
                return true;
            }
        }

        return false;
    }

    private static string? NotPartial(INamedTypeSymbol type, TypeDeclarationSyntax syntax)
    {
        if (!syntax.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            return $"'{type.Name}' is not partial";
        }

        if (type.IsFileLocal)
        {
            return $"'{type.Name}' is file-local";
        }

        for (var container = type.ContainingType; container is not null; container = container.ContainingType)
        {
            var partial = container.DeclaringSyntaxReferences
                .Select(r => r.GetSyntax())
                .OfType<TypeDeclarationSyntax>()
                .All(d => d.Modifiers.Any(SyntaxKind.PartialKeyword));
            if (!partial)
            {
                return $"'{container.Name}', which contains '{type.Name}', is not partial";
            }
        }

        return null;
    }

    /// <summary>Why <c>new T()</c> in the generated registration would not compile, or <see langword="null"/>.</summary>
    private static string? NotConstructible(INamedTypeSymbol type, Compilation compilation)
    {
        if (type.IsAbstract)
        {
            return "is abstract";
        }

        for (var current = type; current is not null; current = current.ContainingType)
        {
            if (current.IsGenericType)
            {
                return current.Equals(type, SymbolEqualityComparer.Default) ? "is generic" : $"is nested in the generic type '{current.Name}'";
            }

            if (!compilation.IsSymbolAccessibleWithin(current, compilation.Assembly))
            {
                return current.Equals(type, SymbolEqualityComparer.Default)
                    ? "is not accessible outside its containing type"
                    : $"is nested in '{current.Name}', which is not accessible outside its containing type";
            }
        }

        var constructor = type.InstanceConstructors.FirstOrDefault(c =>
            c.Parameters.All(p => p.IsOptional || p.IsParams) && compilation.IsSymbolAccessibleWithin(c, compilation.Assembly));
        if (constructor is null)
        {
            return "has no parameterless constructor accessible in its assembly";
        }

        var setsRequired = constructor.GetAttributes().Any(a => a.AttributeClass?.Name == "SetsRequiredMembersAttribute");
        var required = type.GetMembers().Any(m => m is IPropertySymbol { IsRequired: true } or IFieldSymbol { IsRequired: true });
        return required && !setsRequired ? "has required members" : null;
    }

    private static EquatableArray<TypeDeclaration> Containers(INamedTypeSymbol type)
    {
        var containers = new List<TypeDeclaration>();
        for (var container = type.ContainingType; container is not null; container = container.ContainingType)
        {
            containers.Insert(0, Declaration(container));
        }

        return containers.ToEquatableArray();
    }

    private static TypeDeclaration Declaration(INamedTypeSymbol type)
    {
        var keyword = type switch
        {
            { IsRecord: true, IsValueType: true } => "record struct",
            { IsRecord: true } => "record",
            { TypeKind: TypeKind.Struct } => "struct",
            { TypeKind: TypeKind.Interface } => "interface",
            _ => "class",
        };
        var name = type.ToDisplayString(new SymbolDisplayFormat(
            genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters,
            miscellaneousOptions: SymbolDisplayMiscellaneousOptions.EscapeKeywordIdentifiers));
        return new TypeDeclaration(keyword, name);
    }
}
