namespace ImportErrorAnalytics.Orleans.Grains;

/// <summary>A fleet's accounts, in the order they joined.</summary>
[GenerateSerializer]
[Alias("iea.FleetGrainState")]
internal sealed class FleetGrainState
{
    [Id(0)]
    public List<string> Accounts { get; set; } = [];
}
