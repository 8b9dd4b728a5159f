namespace ImportErrorAnalytics.Orleans;

/// <summary>How far an import grain has come.</summary>
[GenerateSerializer]
[Immutable]
[Alias("iea.ImportStatus")]
public sealed class ImportStatus
{
    /// <summary>The account.</summary>
    [Id(0)]
    public required string AccountId { get; init; }

    /// <summary>The HubSpot import id, in its canonical spelling (no leading zeros).</summary>
    [Id(1)]
    public required string ImportId { get; init; }

    /// <summary>The run's state.</summary>
    [Id(2)]
    public ImportState State { get; init; }

    /// <summary>Pages committed (saved) so far; every page when completed.</summary>
    [Id(3)]
    public long Pages { get; init; }

    /// <summary>Error records committed so far.</summary>
    [Id(4)]
    public long Errors { get; init; }

    /// <summary>
    /// The silo the grain answered from (Orleans' silo identity); <see langword="null"/> in a roll-up when the grain did
    /// not answer (its silo is down; it is then reported <see cref="ImportState.Running"/> and resumes elsewhere when
    /// next asked).
    /// </summary>
    [Id(5)]
    public string? Silo { get; init; }

    /// <summary>Why the import failed (no token, ever), when <see cref="State"/> is <see cref="ImportState.Failed"/>.</summary>
    [Id(6)]
    public string? Failure { get; init; }

    /// <summary>Whether the run is over: completed or failed.</summary>
    public bool IsFinished => State is ImportState.Completed or ImportState.Failed;

    /// <summary>The account, import and state, for logs.</summary>
    public override string ToString() => $"{AccountId}/{ImportId}: {State}, {Pages} pages, {Errors} errors";
}
