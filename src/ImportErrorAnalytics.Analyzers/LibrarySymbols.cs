using Microsoft.CodeAnalysis;

namespace ImportErrorAnalytics.Analyzers;

/// <summary>Finds the library's types an analyzer looks for; null members when the library is not referenced.</summary>
internal sealed class LibrarySymbols
{
    public const string LibraryNamespace = "ImportErrorAnalytics";

    private LibrarySymbols(Compilation compilation)
    {
        ErrorAggregator = compilation.GetTypeByMetadataName("ImportErrorAnalytics.Aggregation.IErrorAggregator`2");
        AccessToken = compilation.GetTypeByMetadataName("ImportErrorAnalytics.HubSpot.HubSpotAccessToken");
        ErrorTypeNameAttribute = compilation.GetTypeByMetadataName("ImportErrorAnalytics.Model.ErrorTypeNameAttribute");
    }

    public INamedTypeSymbol? ErrorAggregator { get; }

    public INamedTypeSymbol? AccessToken { get; }

    public INamedTypeSymbol? ErrorTypeNameAttribute { get; }

    public static LibrarySymbols From(Compilation compilation) => new(compilation);

    /// <summary>Whether <paramref name="type"/> is declared in the library's namespaces.</summary>
    public static bool IsLibraryType(ITypeSymbol? type)
    {
        for (var ns = type?.ContainingNamespace; ns is { IsGlobalNamespace: false }; ns = ns.ContainingNamespace)
        {
            if (ns.ContainingNamespace is { IsGlobalNamespace: true })
            {
                return ns.Name == LibraryNamespace;
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="method"/> implements <c>IErrorAggregator&lt;,&gt;.<paramref name="name"/></c>.</summary>
    public bool ImplementsAggregatorMethod(IMethodSymbol method, string name)
    {
        if (ErrorAggregator is null || method.Name != name && method.MethodKind != MethodKind.ExplicitInterfaceImplementation)
        {
            return false;
        }

        var type = method.ContainingType;
        if (type is null)
        {
            return false;
        }

        foreach (var candidate in type.AllInterfaces)
        {
            if (!SymbolEqualityComparer.Default.Equals(candidate.OriginalDefinition, ErrorAggregator))
            {
                continue;
            }

            foreach (var member in candidate.GetMembers(name))
            {
                if (SymbolEqualityComparer.Default.Equals(type.FindImplementationForInterfaceMember(member), method))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
