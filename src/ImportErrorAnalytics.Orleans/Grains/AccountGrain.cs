using ImportErrorAnalytics.Orleans.RateLimiting;
using ImportErrorAnalytics.Snapshots;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ImportErrorAnalytics.Escaping;

namespace ImportErrorAnalytics.Orleans.Grains;

/// <summary>
/// An account: its imports and their roll-up (this file), and its request budget (<c>AccountGrain.Budget.cs</c>).
/// While imports are unfinished a timer asks them for their status, which resumes any whose silo died.
/// </summary>
internal sealed partial class AccountGrain(
    [PersistentState("account", ImportErrorAnalyticsGrainOptions.StorageName)] IPersistentState<AccountGrainState> state,
    [PersistentState("budget", ImportErrorAnalyticsGrainOptions.StorageName)] IPersistentState<AccountBudgetState> budget,
    IOptions<ImportErrorAnalyticsGrainOptions> options,
    TimeProvider time,
    ILogger<AccountGrain> logger) : Grain, IAccountGrain, IAccountBudget
{
    private IGrainTimer? _watch;

    private string AccountId => this.GetPrimaryKeyString();

    /// <summary>The account id as log messages take it: escaped onto one line by any text sink.</summary>
    private Untrusted AccountLog => Untrusted.Message(AccountId);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        ActivateBudget();
        if (state.State.Merged.Count < state.State.Imports.Count)
        {
            Watch();
        }

        return Task.CompletedTask;
    }

    public async Task<IReadOnlyList<ImportStatus>> StartImportsAsync(IReadOnlyList<string> importIds)
    {
        ArgumentNullException.ThrowIfNull(importIds);
        var distinct = importIds.Select(importId => GrainKeys.ImportId(importId, nameof(importIds))).Distinct(StringComparer.Ordinal).ToList();
        var added = distinct.Where(importId => !state.State.Imports.Contains(importId)).ToList();
        if (added.Count > 0)
        {
            state.State.Imports.AddRange(added);
            await state.WriteStateAsync();
        }

        // Watch first: an import that cannot be started now (its silo is going down) is started by the next check.
        Watch();
        return await Task.WhenAll(distinct.Select(importId => GrainFactory.GetImportGrain(AccountId, importId).StartAsync()));
    }

    public async Task<AccountRollup> GetRollupAsync() =>
        new() { AccountId = AccountId, Imports = await RefreshAsync(), Snapshot = state.State.Rollup };

    /// <summary>
    /// Asks every import for its status (and the newly completed ones for their snapshots) and merges those; starts
    /// any that was added but never started.
    /// </summary>
    private async Task<ImportStatus[]> RefreshAsync()
    {
        var merged = state.State.Merged.ToHashSet(StringComparer.Ordinal);
        var results = await Task.WhenAll(state.State.Imports.Select(importId => AskAsync(importId, merged.Contains(importId))));
        var completed = results
            .Where(result => result.Status.State == ImportState.Completed && !merged.Contains(result.Status.ImportId) && !result.Snapshot.IsEmpty)
            .ToList();
        if (completed.Count > 0)
        {
            await MergeAsync(completed);
        }

        if (Array.TrueForAll(results, result => result.Status.IsFinished))
        {
            _watch?.Dispose();
            _watch = null;
        }

        return Array.ConvertAll(results, result => result.Status);
    }

    private async Task<ImportResult> AskAsync(string importId, bool merged)
    {
        var grain = GrainFactory.GetImportGrain(AccountId, importId);
        try
        {
            if (merged)
            {
                return new ImportResult { Status = await grain.GetStatusAsync() };
            }

            var result = await grain.GetResultAsync();
            return result.Status.State == ImportState.Pending ? new ImportResult { Status = await grain.StartAsync() } : result;
        }
        catch (Exception ex) when (ex is OrleansException or TimeoutException)
        {
            LogUnreachable(logger, AccountLog, Untrusted.Message(importId), Untrusted.Message(ex.GetType().Name));
            return new ImportResult { Status = new ImportStatus { AccountId = AccountId, ImportId = importId, State = ImportState.Running } };
        }
    }

    /// <summary>Merges the completed imports into the saved roll-up, each once (the merge refuses an import twice anyway).</summary>
    private async Task MergeAsync(List<ImportResult> completed)
    {
        var pieces = new List<ReportSnapshot>(completed.Count + 1);
        if (state.State.Rollup is { } rollup)
        {
            pieces.Add(await SnapshotPayload.ReadAsync(rollup, $"roll-up of account {AccountId}", CancellationToken.None));
        }

        foreach (var result in completed)
        {
            pieces.Add(await SnapshotPayload.ReadAsync(result.Snapshot, $"import {AccountId}/{result.Status.ImportId}", CancellationToken.None));
        }

        state.State.Rollup = await SnapshotPayload.WriteAsync(ReportSnapshot.Merge(pieces), CancellationToken.None);
        state.State.Merged.AddRange(completed.Select(result => result.Status.ImportId));
        await state.WriteStateAsync();
        LogMerged(logger, AccountLog, completed.Count, state.State.Merged.Count, state.State.Imports.Count);
    }

    private void Watch()
    {
        var period = options.Value.ImportCheckPeriod;
        _watch ??= this.RegisterGrainTimer(WatchAsync, new GrainTimerCreationOptions(period, period) { KeepAlive = true });
    }

    private async Task WatchAsync(CancellationToken cancellationToken)
    {
        try
        {
            await RefreshAsync();
        }
        catch (Exception ex) when (ex is OrleansException or TimeoutException or SnapshotFormatException or SnapshotMismatchException)
        {
            LogWatchFailed(logger, AccountLog, Untrusted.Message(ex.Message));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Account {AccountId}: merged {Count} completed imports into its roll-up ({Merged} of {Imports}).")]
    private static partial void LogMerged(ILogger logger, Untrusted accountId, int count, int merged, int imports);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Account {AccountId}: import {ImportId} did not answer ({Reason}); it is asked again at the next check.")]
    private static partial void LogUnreachable(ILogger logger, Untrusted accountId, Untrusted importId, Untrusted reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Account {AccountId}: checking its imports failed: {Reason}")]
    private static partial void LogWatchFailed(ILogger logger, Untrusted accountId, Untrusted reason);
}
