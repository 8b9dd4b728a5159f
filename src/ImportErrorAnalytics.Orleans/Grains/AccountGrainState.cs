namespace ImportErrorAnalytics.Orleans.Grains;

/// <summary>An account's imports and the merge of those that completed (the library's snapshot format).</summary>
[GenerateSerializer]
[Alias("iea.AccountGrainState")]
internal sealed class AccountGrainState
{
    /// <summary>The imports, in the order they were first started.</summary>
    [Id(0)]
    public List<string> Imports { get; set; } = [];

    /// <summary>The imports whose snapshots are in <see cref="Rollup"/>: each is merged exactly once.</summary>
    [Id(1)]
    public List<string> Merged { get; set; } = [];

    [Id(2)]
    public byte[]? Rollup { get; set; }

    /// <summary>Names the content of <see cref="Rollup"/>: a new value with every merge (see <see cref="AccountRollup.Version"/>).</summary>
    [Id(3)]
    public string? Version { get; set; }
}
