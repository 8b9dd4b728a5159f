using Microsoft.CodeAnalysis;

namespace ImportErrorAnalytics.Analyzers;

/// <summary>The descriptors of every ImportErrorAnalytics diagnostic.</summary>
internal static class Descriptors
{
    /// <summary>Where the rule pages live. A placeholder repository URL: change it here only.</summary>
    public const string HelpLinkBase = "https://github.com/ImportErrorAnalytics/ImportErrorAnalytics/blob/main/docs/rules/";

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

    private static DiagnosticDescriptor Create(string id, string title, string message, string category, string description) =>
        new(id, title, message, category, DiagnosticSeverity.Warning, isEnabledByDefault: true, description, HelpLinkBase + id + ".md");
}
