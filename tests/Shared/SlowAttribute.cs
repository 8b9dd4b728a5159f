using Xunit.Abstractions;
using Xunit.Sdk;

namespace ImportErrorAnalytics.Tests.Shared;

/// <summary>
/// Marks tests that the fast inner loop leaves out: they pack or install packages, start processes or clusters, or wait
/// on real time and real sockets. They carry the traits <c>Category=Slow</c> and <c>Slow=</c><see cref="Why"/>, so
/// <c>dotnet test --filter "Category!=Slow"</c> runs everything else, and <c>--filter "Slow=Orleans"</c> one kind.
/// The whole suite (CI's) runs them all.
/// </summary>
[TraitDiscoverer("ImportErrorAnalytics.Tests.Shared.SlowTraitDiscoverer", SlowTraitDiscoverer.AssemblyName)]
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false)]
internal sealed class SlowAttribute(string why) : Attribute, ITraitAttribute
{
    /// <summary>What makes the tests slow: one of the <see cref="SlowKind"/> names.</summary>
    public string Why { get; } = why;
}

/// <summary>The kinds of slow tests, as the <c>Slow</c> trait names them.</summary>
internal static class SlowKind
{
    /// <summary>Packs the solution, installs the tool or restores a consumer project of the packed packages.</summary>
    public const string Packaging = "Packaging";

    /// <summary>Starts an Orleans cluster.</summary>
    public const string Orleans = "Orleans";

    /// <summary>Runs against a fake server over real sockets, with real time between requests (faults, hangs, drips).</summary>
    public const string RealTime = "RealTime";

    /// <summary>Starts <c>iea</c> or <c>dotnet</c> as processes, or builds projects.</summary>
    public const string Process = "Process";

    /// <summary>Runs a large input or many generated cases on purpose (soak-like bounds, heavy properties).</summary>
    public const string Heavy = "Heavy";

    /// <summary>Opens reports in a headless Chromium (fetched and unpacked on first use, see the browser tests' README).</summary>
    public const string Browser = "Browser";
}

/// <summary>Turns <see cref="SlowAttribute"/> into its two traits.</summary>
internal sealed class SlowTraitDiscoverer : ITraitDiscoverer
{
    /// <summary>The assembly this file is compiled into: each test project compiles its own copy.</summary>
#if TESTS_ImportErrorAnalytics_Orleans_Tests
    public const string AssemblyName = "ImportErrorAnalytics.Orleans.Tests";
#elif TESTS_ImportErrorAnalytics_Analyzers_Tests
    public const string AssemblyName = "ImportErrorAnalytics.Analyzers.Tests";
#elif TESTS_ImportErrorAnalytics_Tests
    public const string AssemblyName = "ImportErrorAnalytics.Tests";
#elif TESTS_ImportErrorAnalytics_Browser_Tests
    public const string AssemblyName = "ImportErrorAnalytics.Browser.Tests";
#else
#error Add this test project's assembly name.
#endif

    public IEnumerable<KeyValuePair<string, string>> GetTraits(IAttributeInfo traitAttribute)
    {
        yield return new("Category", "Slow");
        yield return new("Slow", traitAttribute.GetConstructorArguments().FirstOrDefault() as string ?? "");
    }
}
