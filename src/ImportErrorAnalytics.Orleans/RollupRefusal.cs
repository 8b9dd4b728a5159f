namespace ImportErrorAnalytics.Orleans;

/// <summary>
/// A snapshot a roll-up did not merge, and why: one made with an aggregator the roll-up's silo does not register (or
/// without one it does), with other analysis settings, holding an import another part holds, or damaged. The roll-up
/// merges everything else; the refused part stays where it is (the import keeps its snapshot, the account its roll-up)
/// and is tried again on every roll-up, so a cluster whose silos all register the aggregator merges it.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("iea.RollupRefusal")]
public sealed class RollupRefusal
{
    /// <summary>The account whose import (or whose roll-up) was refused.</summary>
    [Id(0)]
    public required string AccountId { get; init; }

    /// <summary>The import whose snapshot was refused; <see langword="null"/> when it was the account's whole roll-up (refused by the fleet).</summary>
    [Id(1)]
    public string? ImportId { get; init; }

    /// <summary>Why: which aggregator (or setting, or import) and what the silo knows. Never a token.</summary>
    [Id(2)]
    public required string Reason { get; init; }

    /// <summary>The part and the reason, for logs.</summary>
    public override string ToString() => ImportId is null ? $"{AccountId}: {Reason}" : $"{AccountId}/{ImportId}: {Reason}";
}
