using ImportErrorAnalytics.Orleans.Aggregation;
using ImportErrorAnalytics.Orleans.RateLimiting;
using ImportErrorAnalytics.Orleans.Rollups;
using ImportErrorAnalytics.Orleans.Telemetry;
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
    SiloAggregators aggregators,
    SiloMetrics metrics,
    TimeProvider time,
    ILogger<AccountGrain> logger) : Grain, IAccountGrain, IAccountBudget, IAccountRollupSource
{
    private IGrainTimer? _watch;

    /// <summary>The completed imports the last refresh could not merge, with the reasons.</summary>
    private IReadOnlyList<RollupRefusal> _refused = [];

    private string AccountId => this.GetPrimaryKeyString();

    /// <summary>The account id as log messages take it: escaped onto one line by any text sink.</summary>
    private Untrusted AccountLog => Untrusted.Message(AccountId);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        ActivateBudget();
        if (state.State.Rollup is not null && state.State.Version is null)
        {
            // Saved before roll-ups had versions: a version for this activation (a fleet re-merges it once).
            state.State.Version = NewVersion();
        }

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

    public async Task<AccountRollup> GetRollupAsync() => Rollup(await RefreshAsync(), withSnapshot: true);

    public async Task<AccountRollup> GetRollupSinceAsync(string? knownVersion)
    {
        var imports = await RefreshAsync();
        return Rollup(imports, withSnapshot: knownVersion is null || !string.Equals(knownVersion, state.State.Version, StringComparison.Ordinal));
    }

    private AccountRollup Rollup(ImportStatus[] imports, bool withSnapshot) => new()
    {
        AccountId = AccountId,
        Imports = imports,
        Snapshot = withSnapshot ? state.State.Rollup : null,
        Version = state.State.Version,
        Refused = _refused,
    };

    private static string NewVersion() => Guid.NewGuid().ToString("N");

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
        else
        {
            _refused = [];
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

    /// <summary>
    /// Merges the completed imports into the saved roll-up, each once (the merge refuses an import twice anyway); those
    /// that cannot be merged are refused with the reason and offered again at the next refresh.
    /// </summary>
    private async Task MergeAsync(List<ImportResult> completed)
    {
        var parts = completed.ConvertAll(result => new RollupPart(AccountId, result.Status.ImportId, result.Snapshot));
        ReportSnapshot? basis = null;
        if (state.State.Rollup is { } rollup)
        {
            var saved = new RollupPart(AccountId, null, rollup);
            try
            {
                basis = await SnapshotPayload.ReadAsync(rollup, saved.Name, aggregators.CreateReader(), CancellationToken.None);
            }
            catch (Exception ex) when (ex is SnapshotMismatchException or SnapshotFormatException)
            {
                // The saved roll-up was made with aggregators this silo does not register: nothing can be merged into it here.
                var reason = $"not merged: the account's roll-up cannot be read on this silo: {RollupMerge.Reason(ex, aggregators)}";
                _refused = parts.ConvertAll(part => part.Refuse(reason));
                LogRefused(logger, AccountLog, _refused.Count, Untrusted.Message(reason));
                return;
            }
        }

        var outcome = await RollupMerge.MergeAsync(aggregators, basis, parts);
        _refused = outcome.Refused;
        foreach (var refusal in outcome.Refused)
        {
            LogRefused(logger, AccountLog, 1, Untrusted.Message(refusal.ToString()));
        }

        if (outcome.Taken.Count == 0 || outcome.Merged is null)
        {
            return;
        }

        state.State.Rollup = await SnapshotPayload.WriteAsync(outcome.Merged, CancellationToken.None);
        state.State.Merged.AddRange(outcome.Taken.Select(part => part.ImportId!));
        state.State.Version = NewVersion();
        await state.WriteStateAsync();
        LogMerged(logger, AccountLog, outcome.Taken.Count, state.State.Merged.Count, state.State.Imports.Count);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Account {AccountId}: {Count} completed imports not merged into its roll-up: {Reason}")]
    private static partial void LogRefused(ILogger logger, Untrusted accountId, int count, Untrusted reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Account {AccountId}: import {ImportId} did not answer ({Reason}); it is asked again at the next check.")]
    private static partial void LogUnreachable(ILogger logger, Untrusted accountId, Untrusted importId, Untrusted reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Account {AccountId}: checking its imports failed: {Reason}")]
    private static partial void LogWatchFailed(ILogger logger, Untrusted accountId, Untrusted reason);
}
