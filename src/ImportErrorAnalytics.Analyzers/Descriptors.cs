using Microsoft.CodeAnalysis;

namespace ImportErrorAnalytics.Analyzers;

/// <summary>The descriptors of every ImportErrorAnalytics diagnostic.</summary>
internal static class Descriptors
{
    /// <summary>
    /// The project's repository: the one address every help link is built from, and the package's project URL
    /// (<c>PackageProjectUrl</c> in <c>src/Directory.Build.props</c>; a test keeps the two equal). The repository is
    /// not hosted anywhere yet: this is where it is to be published. Change it here and in that file only.
    /// </summary>
    public const string RepositoryUrl = "https://github.com/ImportErrorAnalytics/ImportErrorAnalytics";

    /// <summary>Where the rule pages live: <c>docs/rules/IEA000N.md</c> of the repository's <c>main</c> branch.</summary>
    public const string HelpLinkBase = RepositoryUrl + "/blob/main/docs/rules/";

    public static readonly DiagnosticDescriptor UnknownErrorType = Create(
        DiagnosticIds.UnknownErrorType,
        "Unknown HubSpot error type",
        "'{0}' is not a HubSpot error type; did you mean '{1}'?",
        "Usage",
        "The string is used as a HubSpot errorType but is not one of the values the Imports API (2026-03) documents, so comparisons with it never match.");

    public static readonly DiagnosticDescriptor HardCodedAccessToken = Create(
        DiagnosticIds.HardCodedAccessToken,
        "Hard-coded HubSpot access token",
        "{0}; read it from the environment variable HUBSPOT_ACCESS_TOKEN instead",
        "Security",
        "A HubSpot private-app token in source code leaks with the repository. Read it from the environment or a secret store.");

    public static readonly DiagnosticDescriptor HotPathAllocation = Create(
        DiagnosticIds.HotPathAllocation,
        "Allocation on an aggregator's hot path",
        "{0} allocates in '{1}.Add', which runs once per record",
        "Performance",
        "IErrorAggregator.Add runs once per import error and must not allocate: no new objects or arrays, strings, LINQ, closures, boxing, params arrays or ToString/GetString.");

    public static readonly DiagnosticDescriptor MergeNotImplemented = Create(
        DiagnosticIds.MergeNotImplemented,
        "Aggregator merge not implemented",
        "'{0}.Merge' {1}; the pipeline merges worker states, so results would be lost or the run would fail",
        "Usage",
        "The pipeline gives each worker its own state and combines them with Merge. An empty or throwing Merge loses data or fails as soon as a run has more than one worker.");

    public static readonly DiagnosticDescriptor AggregatorNotPartial = Create(
        DiagnosticIds.AggregatorNotPartial,
        "Aggregator class is not partial",
        "{0}; [ErrorAggregator] adds the aggregator's Name and ResultTypeInfo to it in another file, so it must be partial and not file-local",
        "Usage",
        "The generator extends an [ErrorAggregator] class with generated members in a file of its own, which needs the class and every type containing it to be declared partial, and the class not to be file-local.",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor ResultNotSerializable = Create(
        DiagnosticIds.ResultNotSerializable,
        "Aggregator result cannot be serialized",
        "The result of '{0}' cannot be written to the report: {1} {2}",
        "Usage",
        "The generator writes the JSON contract of an [ErrorAggregator] result at compile time. It supports objects with public readable properties, strings, numbers, booleans, dates, GUIDs, enums, nullable values, arrays, lists, sequences and string-keyed dictionaries of those. Declare ResultTypeInfo yourself for anything else.",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor DuplicateAggregatorName = Create(
        DiagnosticIds.DuplicateAggregatorName,
        "Two aggregators have one name",
        "The aggregator name '{0}' is used by both '{1}' and '{2}'; names are keys in the report and must be unique",
        "Usage",
        "AddGeneratedAggregators registers every [ErrorAggregator] class of the assembly, and a run refuses two aggregators with one name.",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor AggregatorNotConstructible = Create(
        DiagnosticIds.AggregatorNotConstructible,
        "Aggregator cannot be created by the generated registration",
        "'{0}' {1}; AddGeneratedAggregators() leaves it out",
        "Usage",
        "AddGeneratedAggregators() creates each [ErrorAggregator] class with new(): the class must be accessible in its assembly, not abstract, not generic, and have an accessible parameterless constructor that sets its required members.");

    public static readonly DiagnosticDescriptor NotAnAggregator = Create(
        DiagnosticIds.NotAnAggregator,
        "[ErrorAggregator] class is not an aggregator",
        "'{0}' {1}; [ErrorAggregator] needs a class implementing IErrorAggregator<TState, TResult> exactly once",
        "Usage",
        "The generator reads the state and result types from the class's IErrorAggregator<TState, TResult> implementation.",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor InvalidAggregatorName = Create(
        DiagnosticIds.InvalidAggregatorName,
        "Invalid aggregator name",
        "'{0}' {1}",
        "Usage",
        "An [ErrorAggregator] class gets its Name from the attribute (or from its class name, camelCased): the name must not be empty, and the class must not declare Name itself.",
        DiagnosticSeverity.Error);

    private static DiagnosticDescriptor Create(
        string id, string title, string message, string category, string description, DiagnosticSeverity severity = DiagnosticSeverity.Warning) =>
        new(id, title, message, category, severity, isEnabledByDefault: true, description, HelpLinkBase + id + ".md");
}
