namespace ImportErrorAnalytics.Orleans.Grains;

/// <summary>How many merges a fleet grain's activation made: what the tests read to prove an unchanged fleet is not merged again.</summary>
[Alias("iea.IFleetMergeCounter")]
internal interface IFleetMergeCounter : IGrainWithStringKey
{
    [Alias("GetMergeCount")]
    Task<int> GetMergeCountAsync();
}
