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

    /// <summary>An <c>[ErrorAggregator]</c> class, or a type containing it, is not <see langword="partial"/>.</summary>
    public const string AggregatorNotPartial = "IEA0005";

    /// <summary>The result type of an <c>[ErrorAggregator]</c> class has a member the generated JSON contract cannot write.</summary>
    public const string ResultNotSerializable = "IEA0006";

    /// <summary>Two <c>[ErrorAggregator]</c> classes of one assembly have the same name.</summary>
    public const string DuplicateAggregatorName = "IEA0007";

    /// <summary>The generated registration cannot create an <c>[ErrorAggregator]</c> class.</summary>
    public const string AggregatorNotConstructible = "IEA0008";

    /// <summary>An <c>[ErrorAggregator]</c> class does not implement <c>IErrorAggregator&lt;TState, TResult&gt;</c> exactly once.</summary>
    public const string NotAnAggregator = "IEA0009";

    /// <summary>An <c>[ErrorAggregator]</c> class's name is empty or declared by the class itself.</summary>
    public const string InvalidAggregatorName = "IEA0010";
}
