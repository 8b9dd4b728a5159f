using System.Diagnostics.CodeAnalysis;

namespace ImportErrorAnalytics.Cli.Hosting;

/// <summary>
/// Whether this process can run what needs the JIT: compiling and loading <c>--aggregator</c> files (Roslyn, collectible
/// load contexts, reflection over the loaded types) and <c>iea demo</c>'s fake HubSpot (Kestrel). True in every build
/// but the native (Native AOT) <c>iea</c> of the linux-x64 tool package, which hands those runs to the JIT build shipped
/// beside it (<see cref="JitRelaunch"/>). The switch is fixed at publish time, so the native build holds none of that code.
/// </summary>
internal static class JitOnlyFeatures
{
    /// <summary>The runtime switch (<c>RuntimeHostConfigurationOption</c> in the CLI project, trimmed to a constant).</summary>
    internal const string Switch = "ImportErrorAnalytics.Cli.JitOnlyFeatures.IsSupported";

    /// <summary>Whether Roslyn-compiled aggregators and the demo run in this process.</summary>
    [FeatureSwitchDefinition(Switch)]
    [FeatureGuard(typeof(RequiresUnreferencedCodeAttribute))]
    [FeatureGuard(typeof(RequiresDynamicCodeAttribute))]
    [FeatureGuard(typeof(RequiresAssemblyFilesAttribute))]
    [UnconditionalSuppressMessage("Trimming", "IL4000:Return value does not match FeatureGuardAttribute", Justification = "A feature switch: the native build sets it false with Trim=\"true\" (CLI project), so ILC makes this property the constant false and removes every branch it guards; the analyzer alone cannot see project settings.")]
    public static bool IsSupported => !AppContext.TryGetSwitch(Switch, out var enabled) || enabled;
}
