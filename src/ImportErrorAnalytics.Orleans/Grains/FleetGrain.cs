using ImportErrorAnalytics.Orleans.Aggregation;
using ImportErrorAnalytics.Orleans.Rollups;

namespace ImportErrorAnalytics.Orleans.Grains;

/// <summary>
/// A fleet: the list of its accounts, and the merge of their roll-ups. Each call asks every account at once for its
/// imports and its roll-up's version; the fleet merges again only when some version changed, and otherwise answers
/// with the merge it saved.
/// </summary>
/// <remarks>
/// Why re-merge every account's roll-up when one changed, rather than merge only what is new: snapshots cannot be
/// subtracted (the top-values summaries are approximate, and a merge refuses a run it already holds), so the fleet
/// cannot take an account's old roll-up out of its merge and put the new one in. Merging only the account's newly
/// merged imports into the fleet's merge would need the account to hand out per-import deltas, and would make the
/// fleet's approximate top values depend on the order changes arrived in; re-merging the accounts' roll-ups keeps the
/// fleet's snapshot exactly <c>ReportSnapshot.Merge</c> of its accounts' roll-ups, whatever happened before. The cost
/// of a change is one merge of one snapshot per account (the accounts pre-merge their imports), paid only when an
/// import completed since the last call; an unchanged fleet costs one small call per account and no merge, and the
/// accounts send their snapshot's bytes only when the fleet does not hold them.
/// </remarks>
internal sealed class FleetGrain(
    [PersistentState("fleet", ImportErrorAnalyticsGrainOptions.StorageName)] IPersistentState<FleetGrainState> state,
    SiloAggregators aggregators) : Grain, IFleetGrain, IFleetMergeCounter
{
    /// <summary>The account roll-ups this activation holds, by account: their versions and bytes.</summary>
    private readonly Dictionary<string, (string Version, ReadOnlyMemory<byte> Snapshot)> _snapshots = new(StringComparer.Ordinal);

    private int _merges;

    public async Task<IReadOnlyList<ImportStatus>> StartImportsAsync(string accountId, IReadOnlyList<string> importIds)
    {
        GrainKeys.Check(accountId, nameof(accountId));
        ArgumentNullException.ThrowIfNull(importIds);
        foreach (var importId in importIds)
        {
            // Refused before the account joins the fleet; the account grain keys its imports by the canonical ids.
            GrainKeys.ImportId(importId, nameof(importIds));
        }

        if (!state.State.Accounts.Contains(accountId))
        {
            state.State.Accounts.Add(accountId);
            await state.WriteStateAsync();
        }

        return await GrainFactory.GetAccountGrain(accountId).StartImportsAsync(importIds);
    }

    public async Task<FleetRollup> GetRollupAsync()
    {
        var rollups = await Task.WhenAll(state.State.Accounts.Select(accountId => AskAsync(accountId, KnownVersion(accountId))));
        Keep(rollups);
        var versions = rollups.Where(rollup => rollup.Version is not null).ToDictionary(rollup => rollup.AccountId, rollup => rollup.Version!, StringComparer.Ordinal);
        if (!IsMerged(versions))
        {
            // Some account changed: every account's bytes are needed, those this activation does not hold yet included.
            var missing = versions.Keys.Where(accountId => !_snapshots.ContainsKey(accountId)).ToList();
            Keep(await Task.WhenAll(missing.Select(accountId => AskAsync(accountId, null))));
            await MergeAsync(versions);
        }

        return new FleetRollup
        {
            FleetId = this.GetPrimaryKeyString(),
            Accounts = state.State.Accounts.ToArray(),
            Imports = rollups.SelectMany(rollup => rollup.Imports).ToArray(),
            Snapshot = state.State.Merged,
            Refused = [.. rollups.SelectMany(rollup => rollup.Refused), .. state.State.Refused],
        };
    }

    public Task<int> GetMergeCountAsync() => Task.FromResult(_merges);

    private Task<AccountRollup> AskAsync(string accountId, string? knownVersion) =>
        GrainFactory.GetGrain<IAccountRollupSource>(GrainKeys.Account(accountId)).GetRollupSinceAsync(knownVersion);

    /// <summary>The version whose bytes the fleet has (in this activation, or in its saved merge): the account need not send them.</summary>
    private string? KnownVersion(string accountId) =>
        _snapshots.TryGetValue(accountId, out var held) ? held.Version
        : state.State.HasMerge && state.State.Versions.TryGetValue(accountId, out var merged) ? merged
        : null;

    /// <summary>Keeps the roll-ups that came with their bytes.</summary>
    private void Keep(IEnumerable<AccountRollup> rollups)
    {
        foreach (var rollup in rollups)
        {
            if (rollup.Version is { } version && !rollup.Snapshot.IsEmpty)
            {
                _snapshots[rollup.AccountId] = (version, rollup.Snapshot);
            }
        }
    }

    /// <summary>Whether the saved merge is of exactly these versions, read with this silo's aggregators.</summary>
    private bool IsMerged(Dictionary<string, string> versions) =>
        state.State.HasMerge
        && state.State.Aggregators.SequenceEqual(aggregators.Names, StringComparer.Ordinal)
        && versions.Count == state.State.Versions.Count
        && versions.All(pair => state.State.Versions.TryGetValue(pair.Key, out var merged) && string.Equals(merged, pair.Value, StringComparison.Ordinal));

    private async Task MergeAsync(Dictionary<string, string> versions)
    {
        var parts = state.State.Accounts
            .Where(versions.ContainsKey)
            .Select(accountId => new RollupPart(accountId, null, _snapshots[accountId].Snapshot))
            .ToList();
        var outcome = await RollupMerge.MergeAsync(aggregators, null, parts);
        if (parts.Count > 0)
        {
            _merges++;
        }

        state.State.Versions = versions;
        state.State.Merged = outcome.Merged is null ? null : await SnapshotPayload.WriteAsync(outcome.Merged, CancellationToken.None);
        state.State.Refused = [.. outcome.Refused];
        state.State.Aggregators = [.. aggregators.Names];
        state.State.HasMerge = true;
        await state.WriteStateAsync();
    }
}
