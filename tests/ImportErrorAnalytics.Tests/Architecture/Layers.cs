namespace ImportErrorAnalytics.Tests.Architecture;

/// <summary>A layer of the core library: its namespaces (each with its sub-namespaces) and the layers it may use.</summary>
/// <param name="Name">The layer's name, as <paramref name="MayUse"/> lists name it.</param>
/// <param name="Namespaces">The namespaces of the layer; a type in a sub-namespace of one belongs to the layer.</param>
/// <param name="MayUse">The other layers its types may reference.</param>
internal sealed record Layer(string Name, string[] Namespaces, string[] MayUse)
{
    public override string ToString() => Name;
}

/// <summary>A namespace that must not use another inside the same layer (a parent and its sub-namespace).</summary>
/// <param name="From">The namespace whose own types (not those of its sub-namespaces) are checked.</param>
/// <param name="NotTo">The namespace whose own types they must not reference.</param>
internal sealed record InnerRule(string From, string NotTo)
{
    public override string ToString() => $"{From} -/-> {NotTo}";
}

/// <summary>The layering of docs/architecture.md, bottom first: the data every layer rule is made from.</summary>
internal static class Layers
{
    private static readonly string[] Utilities = ["Escaping", "Files", "Fingerprints", "Telemetry"];

    public static readonly Layer[] All =
    [
        new("Escaping", ["ImportErrorAnalytics.Escaping"], []),
        new("Files", ["ImportErrorAnalytics.Files"], []),
        new("Fingerprints", ["ImportErrorAnalytics.Fingerprints"], []),
        new("Telemetry", ["ImportErrorAnalytics.Telemetry"], []),
        new("Model", ["ImportErrorAnalytics.Model"], [.. Utilities]),
        new("Reporting", ["ImportErrorAnalytics.Reporting"], ["Model", .. Utilities]),
        new("Parsing", ["ImportErrorAnalytics.Parsing"], ["Reporting", "Model", .. Utilities]),
        new("Sources", ["ImportErrorAnalytics.Sources"], ["Parsing", "Reporting", "Model", .. Utilities]),
        new("Aggregation", ["ImportErrorAnalytics.Aggregation"], ["Parsing", "Reporting", "Model", .. Utilities]),
        new("FailedRows", ["ImportErrorAnalytics.FailedRows"], ["Parsing", "Reporting", "Model", .. Utilities]),
        new("Snapshots", ["ImportErrorAnalytics.Snapshots"], ["Aggregation", "Parsing", "Reporting", "Model", .. Utilities]),
        new("Comparison", ["ImportErrorAnalytics.Comparison"], ["Snapshots", "Aggregation", "Parsing", "Reporting", "Model", .. Utilities]),
        new("Pipeline", ["ImportErrorAnalytics.Pipeline"], ["Snapshots", "Aggregation", "FailedRows", "Sources", "Parsing", "Reporting", "Model", .. Utilities]),
    ];

    /// <summary>Inside a layer: a sub-namespace builds on its parent, not the other way round.</summary>
    public static readonly InnerRule[] Inner =
    [
        new("ImportErrorAnalytics.Parsing", "ImportErrorAnalytics.Parsing.Parallel"),
        new("ImportErrorAnalytics.Aggregation", "ImportErrorAnalytics.Aggregation.BuiltIn"),
        new("ImportErrorAnalytics.Reporting", "ImportErrorAnalytics.Reporting.Markdown"),
        new("ImportErrorAnalytics.Reporting", "ImportErrorAnalytics.Reporting.Html"),
        new("ImportErrorAnalytics.Pipeline.Checkpoints", "ImportErrorAnalytics.Pipeline"),
    ];

    /// <summary>Namespaces of the packages built on the core library, which it must never reference.</summary>
    public static readonly string[] Outside =
    [
        "ImportErrorAnalytics.HubSpot",
        "ImportErrorAnalytics.Cli",
        "ImportErrorAnalytics.Testing",
        "ImportErrorAnalytics.Orleans",
        "ImportErrorAnalytics.Orleans.PostgreSql",
    ];

    /// <summary>Assemblies built on the core library, which it must never reference.</summary>
    public static readonly string[] OutsideAssemblies =
    [
        "ImportErrorAnalytics.HubSpot",
        "iea",
        "ImportErrorAnalytics.Testing",
        "ImportErrorAnalytics.Orleans",
        "ImportErrorAnalytics.Orleans.PostgreSql",
        "iea-silo",
    ];

    public static Layer Named(string name) => All.Single(layer => layer.Name == name);
}
