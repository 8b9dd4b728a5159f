namespace ImportErrorAnalytics.Model;

/// <summary>
/// The name tables of one run (or one standalone parse): error types and object types, each holding HubSpot's
/// documented names and at most <c>maxUnknown</c> others. Created with the run and dropped with it, so nothing one run
/// reads stays in memory after it or slows another.
/// </summary>
internal sealed class RunNames(int maxUnknown)
{
    /// <summary>The default bound on undocumented names of a kind (the analyzer's default limit on distinct keys).</summary>
    public const int DefaultMaxUnknown = 4096;

    public NameTable ErrorTypes { get; } = new(HubSpotNames.ErrorTypeSeed, maxUnknown);

    public NameTable ObjectTypes { get; } = new(HubSpotNames.ObjectTypeSeed, maxUnknown);
}
