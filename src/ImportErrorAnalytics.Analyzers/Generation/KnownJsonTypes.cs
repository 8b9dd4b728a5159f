using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace ImportErrorAnalytics.Analyzers.Generation;

/// <summary>
/// The framework types the generated contracts support: values with a built-in converter of
/// <c>JsonMetadataServices</c>, and the collections with a factory method there.
/// </summary>
internal static class KnownJsonTypes
{
    private static readonly Dictionary<SpecialType, string> SpecialConverters = new()
    {
        [SpecialType.System_String] = "StringConverter",
        [SpecialType.System_Boolean] = "BooleanConverter",
        [SpecialType.System_Char] = "CharConverter",
        [SpecialType.System_Byte] = "ByteConverter",
        [SpecialType.System_SByte] = "SByteConverter",
        [SpecialType.System_Int16] = "Int16Converter",
        [SpecialType.System_UInt16] = "UInt16Converter",
        [SpecialType.System_Int32] = "Int32Converter",
        [SpecialType.System_UInt32] = "UInt32Converter",
        [SpecialType.System_Int64] = "Int64Converter",
        [SpecialType.System_UInt64] = "UInt64Converter",
        [SpecialType.System_Single] = "SingleConverter",
        [SpecialType.System_Double] = "DoubleConverter",
        [SpecialType.System_Decimal] = "DecimalConverter",
        [SpecialType.System_DateTime] = "DateTimeConverter",
    };

    private static readonly Dictionary<string, string> NamedConverters = new()
    {
        ["System.DateTimeOffset"] = "DateTimeOffsetConverter",
        ["System.DateOnly"] = "DateOnlyConverter",
        ["System.TimeOnly"] = "TimeOnlyConverter",
        ["System.TimeSpan"] = "TimeSpanConverter",
        ["System.Guid"] = "GuidConverter",
        ["System.Int128"] = "Int128Converter",
        ["System.UInt128"] = "UInt128Converter",
        ["System.Half"] = "HalfConverter",
        ["System.Uri"] = "UriConverter",
        ["System.Version"] = "VersionConverter",
    };

    /// <summary>Sequences: factory method and, for the concrete ones, the type created when reading.</summary>
    private static readonly Dictionary<string, (string Factory, bool Creatable)> Sequences = new()
    {
        ["System.Collections.Generic.List`1"] = ("CreateListInfo", true),
        ["System.Collections.Generic.IList`1"] = ("CreateIListInfo", false),
        ["System.Collections.Generic.ICollection`1"] = ("CreateICollectionInfo", false),
        ["System.Collections.Generic.IEnumerable`1"] = ("CreateIEnumerableInfo", false),
        ["System.Collections.Generic.IReadOnlyList`1"] = ("CreateIEnumerableInfo", false),
        ["System.Collections.Generic.IReadOnlyCollection`1"] = ("CreateIEnumerableInfo", false),
    };

    private static readonly Dictionary<string, string> Dictionaries = new()
    {
        ["System.Collections.Generic.Dictionary`2"] = "CreateDictionaryInfo",
        ["System.Collections.Generic.IDictionary`2"] = "CreateIDictionaryInfo",
        ["System.Collections.Generic.IReadOnlyDictionary`2"] = "CreateIReadOnlyDictionaryInfo",
    };

    /// <summary>The <c>JsonMetadataServices</c> converter property of a value type or string, or <see langword="null"/>.</summary>
    public static string? Converter(ITypeSymbol type)
    {
        if (SpecialConverters.TryGetValue(type.SpecialType, out var special))
        {
            return special;
        }

        return type is INamedTypeSymbol { IsGenericType: false } named && NamedConverters.TryGetValue(MetadataName(named), out var converter)
            ? converter
            : null;
    }

    /// <summary>The factory of a supported sequence type, and whether it is created as itself when read.</summary>
    public static bool IsSequence(INamedTypeSymbol type, out string factory, out bool creatable)
    {
        if (type.IsGenericType && Sequences.TryGetValue(MetadataName(type.OriginalDefinition), out var known))
        {
            (factory, creatable) = known;
            return true;
        }

        (factory, creatable) = (string.Empty, false);
        return false;
    }

    /// <summary>The factory of a supported dictionary type.</summary>
    public static bool IsDictionary(INamedTypeSymbol type, out string factory)
    {
        if (type.IsGenericType && Dictionaries.TryGetValue(MetadataName(type.OriginalDefinition), out var known))
        {
            factory = known;
            return true;
        }

        factory = string.Empty;
        return false;
    }

    /// <summary>Whether <paramref name="type"/> is declared in <c>System</c> or a namespace under it.</summary>
    public static bool IsFrameworkType(ITypeSymbol type)
    {
        var ns = type.ContainingNamespace;
        while (ns is { ContainingNamespace.IsGlobalNamespace: false })
        {
            ns = ns.ContainingNamespace;
        }

        return ns is { IsGlobalNamespace: false, Name: "System" or "Microsoft" };
    }

    private static string MetadataName(INamedTypeSymbol type) =>
        type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() + "." + type.MetadataName : type.MetadataName;
}
