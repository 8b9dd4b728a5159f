using ImportErrorAnalytics.Snapshots;

namespace ImportErrorAnalytics.Orleans.Grains;

/// <summary>
/// A fleet: the list of its accounts, and the merge of their roll-ups, computed on each call by asking every account
/// at once (each account keeps its own roll-up, so this merges one snapshot per account).
/// </summary>
internal sealed class FleetGrain(
    [PersistentState("fleet", ImportErrorAnalyticsGrainOptions.StorageName)] IPersistentState<FleetGrainState> state) : Grain, IFleetGrain
{
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
        var rollups = await Task.WhenAll(state.State.Accounts.Select(accountId => GrainFactory.GetAccountGrain(accountId).GetRollupAsync()));
        var pieces = new List<ReportSnapshot>(rollups.Length);
        foreach (var rollup in rollups)
        {
            if (await rollup.ReadSnapshotAsync() is { } snapshot)
            {
                pieces.Add(snapshot);
            }
        }

        return new FleetRollup
        {
            FleetId = this.GetPrimaryKeyString(),
            Accounts = state.State.Accounts.ToArray(),
            Imports = rollups.SelectMany(rollup => rollup.Imports).ToArray(),
            Snapshot = pieces.Count == 0 ? null : await SnapshotPayload.WriteAsync(ReportSnapshot.Merge(pieces), CancellationToken.None),
        };
    }
}
