using System.Reflection;
using System.Text.RegularExpressions;
using NetArchTest.Rules;

namespace ImportErrorAnalytics.Tests.Architecture;

/// <summary>Evaluates the layer rules on the core assembly with NetArchTest.</summary>
internal static class LayerRules
{
    public static readonly Assembly Core = typeof(ImportErrorAnalytics.Pipeline.ImportErrorAnalyzer).Assembly;

    /// <summary>
    /// The types of <paramref name="from"/> that reference a type of <paramref name="to"/>, as "Type -> layer".
    /// The forbidden dependencies are given as the full names of the other layer's types (not a namespace prefix), so a
    /// layer whose namespace is a prefix of another's, or a type of a pending namespace, is never taken for the other.
    /// </summary>
    public static IReadOnlyList<string> Violations(Layer from, Layer to) =>
        Violations(TypesOf(from.Namespaces), TypeNamesIn(to.Namespaces, includeSubNamespaces: true), to.Name);

    /// <summary>The types of <paramref name="rule"/>'s source namespace (only) that reference a type of its target namespace (only).</summary>
    public static IReadOnlyList<string> Violations(InnerRule rule) =>
        Violations(TypesExactlyIn(rule.From), TypeNamesIn([rule.NotTo], includeSubNamespaces: false), rule.NotTo);

    /// <summary>The types of the core assembly (but pending ones) that reference a namespace of <paramref name="namespaces"/> (or a sub-namespace).</summary>
    public static IReadOnlyList<string> UsesOf(string[] namespaces) =>
        Violations(TypesOf(["ImportErrorAnalytics", "Microsoft"]), namespaces, string.Join(" or ", namespaces));

    /// <summary>Every namespace of the core assembly, but compiler-made ones (the global namespace, System.*).</summary>
    public static IReadOnlyList<string> Namespaces() =>
        Types.InAssembly(Core).GetTypes()
            .Select(type => type.Namespace ?? "")
            .Where(ns => ns.StartsWith("ImportErrorAnalytics", StringComparison.Ordinal) || ns.StartsWith("Microsoft", StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();

    public static bool IsIn(string ns, string layerNamespace) =>
        ns == layerNamespace || ns.StartsWith(layerNamespace + ".", StringComparison.Ordinal);

    private static List<string> Violations(PredicateList types, string[] forbidden, string target)
    {
        if (forbidden.Length == 0)
        {
            return [];
        }

        var result = types.ShouldNot().HaveDependencyOnAny(forbidden).GetResult();
        return result.IsSuccessful
            ? []
            : (result.FailingTypes ?? []).Select(type => $"{type.FullName} -> {target}").Order(StringComparer.Ordinal).ToList();
    }

    private static PredicateList TypesOf(string[] namespaces)
    {
        var pattern = "^(" + string.Join("|", namespaces.Select(Regex.Escape)) + @")(\..*)?$";
        return Types.InAssembly(Core).That().ResideInNamespaceMatching(pattern);
    }

    private static PredicateList TypesExactlyIn(string ns)
    {
        var types = Types.InAssembly(Core).That().ResideInNamespaceMatching("^" + Regex.Escape(ns) + "$");
        return types;
    }

    private static string[] TypeNamesIn(string[] namespaces, bool includeSubNamespaces) =>
        Types.InAssembly(Core).GetTypes()
            .Where(type => type.FullName is not null && type.Namespace is { } ns
                && namespaces.Any(layer => includeSubNamespaces ? IsIn(ns, layer) : ns == layer))
            .Select(type => type.FullName!)
            .ToArray();
}
