using ImportErrorAnalytics.Escaping;
using ImportErrorAnalytics.Orleans.Aggregation;
using ImportErrorAnalytics.Snapshots;

namespace ImportErrorAnalytics.Orleans.Rollups;

/// <summary>
/// Merges the parts of a roll-up (import snapshots into an account's roll-up, account roll-ups into a fleet's) and
/// refuses, with the reason, each part that cannot be read or merged, instead of failing the whole roll-up: a state
/// of an aggregator this silo does not register (or the lack of one it does), other settings, an import held twice,
/// damaged bytes. The parts that can be merged are merged all at once, as <see cref="ReportSnapshot.Merge"/> merges
/// pieces; only when that merge refuses do they go one by one, to find the culprits.
/// </summary>
internal static class RollupMerge
{
    /// <summary>What a merge gave: the merged snapshot (null when nothing could be merged), the parts in it, and the refusals.</summary>
    public sealed record Outcome(ReportSnapshot? Merged, IReadOnlyList<RollupPart> Taken, IReadOnlyList<RollupRefusal> Refused);

    /// <param name="aggregators">The silo's aggregators: they read the parts.</param>
    /// <param name="basis">What the parts are merged into (the account's saved roll-up), or none.</param>
    /// <param name="parts">The parts.</param>
    public static async Task<Outcome> MergeAsync(SiloAggregators aggregators, ReportSnapshot? basis, IReadOnlyList<RollupPart> parts)
    {
        var reader = aggregators.CreateReader();
        var read = new List<(RollupPart Part, ReportSnapshot Snapshot)>(parts.Count);
        var refused = new List<RollupRefusal>();
        foreach (var part in parts)
        {
            try
            {
                // Called from grains: continue on the activation's scheduler.
                read.Add((part, await SnapshotPayload.ReadAsync(part.Payload, part.Name, reader, CancellationToken.None).ConfigureAwait(true)));
            }
            catch (Exception ex) when (ex is SnapshotMismatchException or SnapshotFormatException)
            {
                refused.Add(part.Refuse(Reason(ex, aggregators)));
            }
        }

        if (read.Count == 0)
        {
            return new Outcome(basis, [], refused);
        }

        var pieces = read.ConvertAll(item => item.Snapshot);
        if (basis is not null)
        {
            pieces.Add(basis);
        }

        try
        {
            return new Outcome(ReportSnapshot.Merge(pieces), read.ConvertAll(item => item.Part), refused);
        }
        catch (SnapshotMismatchException)
        {
            // Some part does not go with the others: take them one at a time, refusing those that do not merge.
        }

        var merged = basis;
        var taken = new List<RollupPart>();
        foreach (var (part, snapshot) in read)
        {
            try
            {
                merged = ReportSnapshot.Merge(merged is null ? [snapshot] : [merged, snapshot]);
                taken.Add(part);
            }
            catch (SnapshotMismatchException ex)
            {
                refused.Add(part.Refuse(Reason(ex, aggregators)));
            }
        }

        return new Outcome(merged, taken, refused);
    }

    /// <summary>The library's reason, with what this silo registers: the usual cause is silos that register different aggregators.</summary>
    public static string Reason(Exception exception, SiloAggregators aggregators)
    {
        var message = UntrustedText.OneLine(exception.Message);
        if (exception is not SnapshotMismatchException)
        {
            return message;
        }

        var registered = aggregators.Names.Count == 0
            ? "no custom aggregator"
            : "the custom aggregators " + string.Join(", ", aggregators.Names.Select(UntrustedText.Quote));
        return $"{message} This silo registers {registered}; every silo of the cluster must register the same ones.";
    }
}
