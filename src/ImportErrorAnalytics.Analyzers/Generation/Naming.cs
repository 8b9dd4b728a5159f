using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ImportErrorAnalytics.Analyzers.Generation;

/// <summary>Names the generator derives: default aggregator names, identifiers and file names.</summary>
internal static class Naming
{
    /// <summary>
    /// The default aggregator name of a class: its leading run of capitals lowercased, except the capital that starts
    /// the next word (<c>ErrorsPerColumn</c> → <c>errorsPerColumn</c>, <c>URLCounts</c> → <c>urlCounts</c>).
    /// </summary>
    public static string CamelCase(string name)
    {
        if (name.Length == 0 || !char.IsUpper(name[0]))
        {
            return name;
        }

        var chars = name.ToCharArray();
        for (var i = 0; i < chars.Length && char.IsUpper(chars[i]); i++)
        {
            var nextIsLower = i + 1 < chars.Length && !char.IsUpper(chars[i + 1]);
            if (i > 0 && nextIsLower)
            {
                break;
            }

            chars[i] = char.ToLowerInvariant(chars[i]);
        }

        return new string(chars);
    }

    /// <summary><paramref name="name"/> as a C# identifier: keywords get an <c>@</c>.</summary>
    public static string Identifier(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

    /// <summary>A file-name-safe form of a fully qualified type name.</summary>
    public static string HintName(string fullName)
    {
        var builder = new StringBuilder(fullName.Length);
        foreach (var c in fullName.Replace("global::", string.Empty))
        {
            builder.Append(char.IsLetterOrDigit(c) || c is '.' or '_' ? c : '_');
        }

        return builder.ToString();
    }

    /// <summary>A readable identifier for <paramref name="type"/>: <c>Int32</c>, <c>ListOrder</c>, <c>NullableGuid</c>, <c>StringArray</c>.</summary>
    public static string TypeId(ITypeSymbol type) => type switch
    {
        IArrayTypeSymbol array => TypeId(array.ElementType) + "Array",
        INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable => "Nullable" + TypeId(nullable.TypeArguments[0]),
        INamedTypeSymbol named => named.MetadataName.Split('`')[0] + Concat(named),
        _ => type.Name,
    };

    private static string Concat(INamedTypeSymbol named)
    {
        var builder = new StringBuilder();
        foreach (var argument in named.TypeArguments)
        {
            builder.Append(TypeId(argument));
        }

        return builder.ToString();
    }

    /// <summary>A C# literal of a constant, cast to <paramref name="type"/> when it is not null.</summary>
    public static string Literal(object? value, string type) =>
        value is null ? "null" : $"({type})({SymbolDisplay.FormatPrimitive(value, quoteStrings: true, useHexadecimalNumbers: false)})";

    /// <summary>A string literal.</summary>
    public static string Quote(string value) => SymbolDisplay.FormatLiteral(value, quote: true);

    public static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
