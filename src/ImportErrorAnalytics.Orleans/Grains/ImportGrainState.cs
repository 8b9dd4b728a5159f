namespace ImportErrorAnalytics.Orleans.Grains;

/// <summary>
/// What an import grain keeps in grain storage. While running: the library's checkpoint (cursor after the last
/// committed page, counters and merged states, written in one piece after each page). Once completed: the snapshot.
/// Never the token.
/// </summary>
[GenerateSerializer]
[Alias("iea.ImportGrainState")]
internal sealed class ImportGrainState
{
    [Id(0)]
    public ImportState State { get; set; }

    [Id(1)]
    public byte[]? Checkpoint { get; set; }

    [Id(2)]
    public byte[]? Snapshot { get; set; }

    [Id(3)]
    public string? Failure { get; set; }

    [Id(4)]
    public long Pages { get; set; }

    [Id(5)]
    public long Errors { get; set; }
}
