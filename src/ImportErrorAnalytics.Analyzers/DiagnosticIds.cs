namespace ImportErrorAnalytics.Analyzers;

/// <summary>The IDs of every ImportErrorAnalytics diagnostic, in one place.</summary>
public static class DiagnosticIds
{
    /// <summary>A string literal names an error type HubSpot does not document.</summary>
    public const string UnknownErrorType = "IEA0001";

    /// <summary>A HubSpot access token is written into the source.</summary>
    public const string HardCodedAccessToken = "IEA0002";

    /// <summary>An aggregator's <c>Add</c> method allocates.</summary>
    public const string HotPathAllocation = "IEA0003";

    /// <summary>An aggregator's <c>Merge</c> method is not implemented.</summary>
    public const string MergeNotImplemented = "IEA0004";
}
