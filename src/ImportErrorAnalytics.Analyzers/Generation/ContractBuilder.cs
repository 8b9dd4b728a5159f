using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace ImportErrorAnalytics.Analyzers.Generation;

/// <summary>
/// Walks an aggregator's result type graph and describes the JSON contract of every type in it, or the members it
/// cannot support. Properties are the ones reflection-based serialization writes (public, instance, with a public
/// getter), most derived type first, in declaration order.
/// </summary>
internal sealed class ContractBuilder
{
    private const string SerializationNamespace = "System.Text.Json.Serialization";

    private static readonly ImmutableHashSet<string> SupportedPropertyAttributes = ImmutableHashSet.Create(
        StringComparer.Ordinal,
        "JsonPropertyNameAttribute",
        "JsonIgnoreAttribute",
        "JsonPropertyOrderAttribute",
        "JsonRequiredAttribute",
        "JsonIncludeAttribute");

    private readonly Compilation _compilation;
    private readonly INamedTypeSymbol _within;
    private readonly CancellationToken _cancellationToken;
    private readonly Dictionary<ITypeSymbol, TypeModel?> _models = new(SymbolEqualityComparer.Default);
    private readonly List<ITypeSymbol> _order = [];
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
    private readonly List<ContractProblem> _problems = [];
    private bool _hasErrorTypes;

    private ContractBuilder(Compilation compilation, INamedTypeSymbol within, CancellationToken cancellationToken)
    {
        _compilation = compilation;
        _within = within;
        _cancellationToken = cancellationToken;
    }

    /// <summary>
    /// The contract of <paramref name="root"/> as seen from <paramref name="within"/> (the aggregator, which the
    /// generated context is nested in); <see langword="null"/> with the problems when it cannot be written, or with
    /// none when the graph has types the compiler could not resolve (the compiler reports those).
    /// </summary>
    public static (ContractModel? Contract, ImmutableArray<ContractProblem> Problems) Build(
        ITypeSymbol root, INamedTypeSymbol within, Compilation compilation, CancellationToken cancellationToken)
    {
        var builder = new ContractBuilder(compilation, within, cancellationToken);
        builder.Visit(root, Display(root));
        if (builder._problems.Count > 0 || builder._hasErrorTypes)
        {
            return (null, builder._problems.ToImmutableArray());
        }

        var types = builder._order.Select(t => builder._models[t]!).ToEquatableArray();
        return (new ContractModel(types), ImmutableArray<ContractProblem>.Empty);
    }

    private static readonly SymbolDisplayFormat DisplayFormat = SymbolDisplayFormat.CSharpShortErrorMessageFormat
        .RemoveMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    private static string Display(ITypeSymbol type) => type.ToDisplayString(DisplayFormat);

    private static string FullName(ITypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);

    private void Visit(ITypeSymbol type, string path)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        if (_models.ContainsKey(type))
        {
            return; // Done, or being done further up: recursive graphs are fine, contracts resolve lazily.
        }

        _models[type] = null;
        if (Unsupported(type) is { } reason)
        {
            if (reason.Length > 0)
            {
                _problems.Add(new ContractProblem(path, reason));
            }

            return;
        }

        _order.Add(type);
        _models[type] = Describe(type, path);
    }

    /// <summary>Why <paramref name="type"/> cannot be written; empty for an error type (the compiler reports it); null when it can.</summary>
    private string? Unsupported(ITypeSymbol type)
    {
        if (type.TypeKind == TypeKind.Error)
        {
            _hasErrorTypes = true;
            return string.Empty;
        }

        if (KnownJsonTypes.Converter(type) is not null)
        {
            return null;
        }

        if (type.TypeKind == TypeKind.Enum)
        {
            return !_compilation.IsSymbolAccessibleWithin(type, _within) ? $"is '{Display(type)}', which '{_within.Name}' cannot access"
                : UnsupportedEnumAttribute(type) is { } attribute ? $"is the enum '{Display(type)}', whose [{attribute}] the generator does not support"
                : null;
        }

        switch (type)
        {
            case { SpecialType: SpecialType.System_Object }:
                return "is 'object', which has no fixed JSON shape";
            case { TypeKind: TypeKind.Dynamic }:
                return "is 'dynamic', which has no fixed JSON shape";
            case IPointerTypeSymbol or IFunctionPointerTypeSymbol:
                return "is a pointer";
            case ITypeParameterSymbol:
                return $"is the type parameter '{type.Name}'";
            case IArrayTypeSymbol { Rank: > 1 }:
                return "is a multi-dimensional array";
            case IArrayTypeSymbol:
                return null;
            case INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T }:
                return null;
        }

        if (type is not INamedTypeSymbol named)
        {
            return $"is '{Display(type)}', which the generator does not support";
        }

        if (KnownJsonTypes.IsSequence(named, out _, out _))
        {
            return null;
        }

        if (KnownJsonTypes.IsDictionary(named, out _))
        {
            return named.TypeArguments[0].SpecialType == SpecialType.System_String
                ? null
                : $"has keys of type '{Display(named.TypeArguments[0])}'; only string keys are supported";
        }

        return named switch
        {
            { TypeKind: TypeKind.Delegate } => $"is the delegate type '{Display(type)}'",
            { TypeKind: TypeKind.Interface } =>
                $"is the interface '{Display(type)}'; the supported interfaces are IEnumerable<T>, IReadOnlyList<T>, IReadOnlyCollection<T>, IList<T>, ICollection<T>, IReadOnlyDictionary<string, T> and IDictionary<string, T>",
            { IsAnonymousType: true } => "is an anonymous type",
            { IsRefLikeType: true } => $"is the ref struct '{Display(type)}'",
            _ when KnownJsonTypes.IsFrameworkType(named) => $"is '{Display(type)}', a framework type the generator does not support",
            _ when named.AllInterfaces.Any(i => i.SpecialType == SpecialType.System_Collections_IEnumerable) =>
                $"is '{Display(type)}', a collection type the generator does not support (use an array, a list or a dictionary)",
            _ when !_compilation.IsSymbolAccessibleWithin(named, _within) => $"is '{Display(type)}', which '{_within.Name}' cannot access",
            _ when UnsupportedAttribute(named) is { } attribute => $"is '{Display(type)}', whose [{attribute}] the generator does not support",
            _ => null,
        };
    }

    private TypeModel Describe(ITypeSymbol type, string path)
    {
        var id = UniqueId(type);
        var fullName = FullName(type);
        if (KnownJsonTypes.Converter(type) is { } converter)
        {
            return Model(id, fullName, TypeModelKind.Value, converter, type);
        }

        if (type.TypeKind == TypeKind.Enum)
        {
            return Model(id, fullName, TypeModelKind.Enum, null, type);
        }

        if (type is IArrayTypeSymbol array)
        {
            Visit(array.ElementType, path + "[]");
            return Model(id, fullName, TypeModelKind.Collection, "CreateArrayInfo", type) with { ElementType = FullName(array.ElementType) };
        }

        var named = (INamedTypeSymbol)type;
        if (named.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T)
        {
            Visit(named.TypeArguments[0], path);
            return Model(id, fullName, TypeModelKind.Nullable, null, type) with { ElementType = FullName(named.TypeArguments[0]) };
        }

        if (KnownJsonTypes.IsSequence(named, out var factory, out var creatable))
        {
            Visit(named.TypeArguments[0], path + "[]");
            return Model(id, fullName, TypeModelKind.Collection, factory, type) with
            {
                ElementType = FullName(named.TypeArguments[0]),
                CollectionCreator = creatable ? fullName : null,
            };
        }

        if (KnownJsonTypes.IsDictionary(named, out factory))
        {
            Visit(named.TypeArguments[1], path + "{}");
            var key = FullName(named.TypeArguments[0]);
            var value = FullName(named.TypeArguments[1]);
            return Model(id, fullName, TypeModelKind.Collection, factory, type) with
            {
                KeyType = key,
                ElementType = value,
                CollectionCreator = $"global::System.Collections.Generic.Dictionary<{key}, {value}>",
            };
        }

        return DescribeObject(named, id, fullName, path);
    }

    private static TypeModel Model(string id, string fullName, TypeModelKind kind, string? factory, ITypeSymbol type) =>
        new(id, fullName, kind, factory, null, null, null, EquatableArray<PropertyModel>.Empty, null, type.IsValueType);

    private TypeModel DescribeObject(INamedTypeSymbol type, string id, string fullName, string path)
    {
        var properties = new List<(IPropertySymbol Symbol, PropertyModel Model)>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var current = type; current is { SpecialType: not (SpecialType.System_Object or SpecialType.System_ValueType) }; current = current.BaseType)
        {
            foreach (var member in current.GetMembers())
            {
                if (member is IFieldSymbol { IsStatic: false, IsImplicitlyDeclared: false } field && HasAttribute(field, "JsonIncludeAttribute"))
                {
                    _problems.Add(new ContractProblem(path + "." + field.Name, "is a field marked [JsonInclude]; only properties are supported"));
                }

                if (member is IPropertySymbol { IsStatic: false, IsIndexer: false } property && names.Add(property.Name)
                    && DescribeProperty(property, path + "." + property.Name) is { } model)
                {
                    properties.Add((property, model));
                }
            }
        }

        if (properties.Count == 0 && !_problems.Any(p => p.Path.StartsWith(path + ".", StringComparison.Ordinal)))
        {
            _problems.Add(new ContractProblem(path, $"is '{Display(type)}', which has no public readable properties"));
        }

        return new TypeModel(
            id, fullName, TypeModelKind.Object, null, null, null, null,
            properties.Select(p => p.Model).ToEquatableArray(), CreatorBuilder.Describe(type, properties), type.IsValueType);
    }

    private PropertyModel? DescribeProperty(IPropertySymbol property, string path)
    {
        var readable = property.DeclaredAccessibility == Accessibility.Public && property.GetMethod is { DeclaredAccessibility: Accessibility.Public };
        if (!readable)
        {
            if (HasAttribute(property, "JsonIncludeAttribute"))
            {
                _problems.Add(new ContractProblem(path, "is marked [JsonInclude] but has no public getter; the generated contract can only use public members"));
            }

            return null;
        }

        string? ignoreCondition = null;
        int? order = null;
        string? jsonName = null;
        var required = property.IsRequired;
        foreach (var attribute in property.GetAttributes())
        {
            if (attribute.AttributeClass is not { } attributeClass || attributeClass.ContainingNamespace?.ToDisplayString() != SerializationNamespace)
            {
                continue;
            }

            switch (attributeClass.Name)
            {
                case "JsonIgnoreAttribute":
                    ignoreCondition = IgnoreCondition(attribute);
                    if (ignoreCondition is null)
                    {
                        return null; // [JsonIgnore] is Always: not part of the contract at all.
                    }

                    break;
                case "JsonPropertyNameAttribute":
                    jsonName = attribute.ConstructorArguments.FirstOrDefault().Value as string;
                    break;
                case "JsonPropertyOrderAttribute":
                    order = attribute.ConstructorArguments.FirstOrDefault().Value as int?;
                    break;
                case "JsonRequiredAttribute":
                    required = true;
                    break;
                case var name when !SupportedPropertyAttributes.Contains(name):
                    _problems.Add(new ContractProblem(path, $"has [{Short(name)}], which the generator does not support"));
                    return null;
            }
        }

        Visit(property.Type, path);
        var setter = property.SetMethod is { DeclaredAccessibility: Accessibility.Public } set
            ? set.IsInitOnly || required ? SetterKind.Initializer : SetterKind.Set
            : SetterKind.None;
        return new PropertyModel(
            property.Name,
            FullName(property.Type),
            FullName(property.ContainingType),
            property.ContainingType.IsValueType,
            jsonName,
            property.IsVirtual || property.IsOverride || property.IsAbstract,
            setter,
            required,
            ignoreCondition,
            order);
    }

    /// <summary>The <c>JsonIgnoreCondition</c> member a <c>[JsonIgnore]</c> sets, or <see langword="null"/> for <c>Always</c> (the default).</summary>
    private static string? IgnoreCondition(AttributeData attribute)
    {
        foreach (var argument in attribute.NamedArguments)
        {
            if (argument.Key == "Condition" && argument.Value.Type is INamedTypeSymbol conditionType)
            {
                var member = conditionType.GetMembers().OfType<IFieldSymbol>().FirstOrDefault(f => f.HasConstantValue && Equals(f.ConstantValue, argument.Value.Value));
                return member is null or { Name: "Always" } ? null : FullName(conditionType) + "." + member.Name;
            }
        }

        return null;
    }

    private static string? UnsupportedAttribute(INamedTypeSymbol type) =>
        type.GetAttributes()
            .Select(a => a.AttributeClass)
            .FirstOrDefault(c => c?.ContainingNamespace?.ToDisplayString() == SerializationNamespace) is { } attribute
            ? Short(attribute.Name)
            : null;

    /// <summary>An enum may name <c>JsonStringEnumConverter</c> as its converter: that is what the generator writes anyway.</summary>
    private static string? UnsupportedEnumAttribute(ITypeSymbol type)
    {
        foreach (var attribute in type.GetAttributes())
        {
            if (attribute.AttributeClass is not { } attributeClass || attributeClass.ContainingNamespace?.ToDisplayString() != SerializationNamespace)
            {
                continue;
            }

            var isStringConverter = attributeClass.Name == "JsonConverterAttribute"
                && attribute.ConstructorArguments.FirstOrDefault().Value is INamedTypeSymbol { Name: "JsonStringEnumConverter" } converter
                && converter.ContainingNamespace?.ToDisplayString() == SerializationNamespace;
            if (!isStringConverter)
            {
                return Short(attributeClass.Name);
            }
        }

        return null;
    }

    private static bool HasAttribute(ISymbol symbol, string name) =>
        symbol.GetAttributes().Any(a => a.AttributeClass is { } c && c.Name == name && c.ContainingNamespace?.ToDisplayString() == SerializationNamespace);

    private static string Short(string attributeName) =>
        attributeName.EndsWith("Attribute", StringComparison.Ordinal) ? attributeName.Substring(0, attributeName.Length - "Attribute".Length) : attributeName;

    private string UniqueId(ITypeSymbol type)
    {
        var id = Naming.TypeId(type);
        var unique = id;
        for (var i = 2; !_ids.Add(unique); i++)
        {
            unique = id + Naming.Invariant(i);
        }

        return unique;
    }
}
