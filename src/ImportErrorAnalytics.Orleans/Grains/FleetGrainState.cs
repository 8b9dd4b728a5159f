namespace ImportErrorAnalytics.Orleans.Grains;

/// <summary>
/// A fleet's accounts, in the order they joined, and its last merge: the accounts' roll-up versions it was made from,
/// the merged snapshot, what it refused, and the silo's aggregators it was read with. A new activation answers from
/// it while no account changed.
/// </summary>
[GenerateSerializer]
[Alias("iea.FleetGrainState")]
internal sealed class FleetGrainState
{
    [Id(0)]
    public List<string> Accounts { get; set; } = [];

    /// <summary>The version of each account's roll-up in <see cref="Merged"/> (accounts without a roll-up are absent).</summary>
    [Id(1)]
    public Dictionary<string, string> Versions { get; set; } = [];

    [Id(2)]
    public byte[]? Merged { get; set; }

    /// <summary>The account roll-ups the merge refused.</summary>
    [Id(3)]
    public List<RollupRefusal> Refused { get; set; } = [];

    /// <summary>The custom aggregators of the silo that merged (a silo with others merges again).</summary>
    [Id(4)]
    public List<string> Aggregators { get; set; } = [];

    /// <summary>Whether <see cref="Versions"/> and <see cref="Merged"/> hold a merge (false until the first).</summary>
    [Id(5)]
    public bool HasMerge { get; set; }
}
