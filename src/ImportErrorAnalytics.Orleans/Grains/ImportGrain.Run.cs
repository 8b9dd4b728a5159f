using ImportErrorAnalytics.Orleans.RateLimiting;
using ImportErrorAnalytics.Orleans.Telemetry;
using ImportErrorAnalytics.Parsing;
using ImportErrorAnalytics.Pipeline.Checkpoints;
using ImportErrorAnalytics.Snapshots;
using ImportErrorAnalytics.HubSpot;
using ImportErrorAnalytics.Model;
using Orleans.Storage;
using ImportErrorAnalytics.Escaping;

namespace ImportErrorAnalytics.Orleans.Grains;

/// <summary>The import's run: the library's checkpointed HubSpot pipeline, with its storage and budget in Orleans.</summary>
internal sealed partial class ImportGrain
{
    private async Task RunAsync(CancellationToken cancellationToken)
    {
        // The run belongs to the import, not to the call that happened to start it.
        RequestContext.Clear();
        using var activity = ImportActivity.Start(_accountId, _importId, state.State.Checkpoint is not null);
        try
        {
            await CompleteAsync(await AnalyzeAsync(cancellationToken));
            ImportActivity.Completed(activity, state.State.Pages, state.State.Errors);
            metrics.ImportFinished(_accountId, ImportState.Completed);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            ImportActivity.Stopped(activity);
            LogStopped(logger, _accountLog, _importLog);
        }
        catch (InconsistentStateException ex)
        {
            // Another activation wrote the state since this one read it (a silo declared dead that was not): let the
            // next activation go on from what is stored.
            ImportActivity.Failed(activity, ex, "superseded");
            LogSuperseded(logger, _accountLog, _importLog);
            this.DeactivateOnIdle();
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            ImportActivity.Failed(activity, ex, "failed");
            await FailAsync(ex);
        }
        catch (Exception)
        {
            // Failed while being stopped: the stop is what happened; the checkpoint stays for the next activation.
            ImportActivity.Stopped(activity);
            LogStopped(logger, _accountLog, _importLog);
        }
        finally
        {
            _keepAlive?.Dispose();
            _keepAlive = null;
        }
    }

    /// <summary>
    /// Replaces the checkpoint with the snapshot in one write. Should the write fail, the state is put back as it was
    /// stored, checkpoint included, so that whatever is written next does not lose it.
    /// </summary>
    private async Task CompleteAsync(ReportSnapshot snapshot)
    {
        var totals = snapshot.CreateReport().Totals;
        var bytes = await SnapshotPayload.WriteAsync(snapshot, CancellationToken.None);
        var checkpoint = state.State.Checkpoint;
        (state.State.State, state.State.Snapshot, state.State.Checkpoint) = (ImportState.Completed, bytes, null);
        (state.State.Pages, state.State.Errors) = (totals.Pages, totals.Errors);
        try
        {
            await state.WriteStateAsync(CancellationToken.None);
        }
        catch
        {
            (state.State.State, state.State.Snapshot, state.State.Checkpoint) = (ImportState.Running, null, checkpoint);
            throw;
        }

        CountState();

        LogCompleted(logger, _accountLog, _importLog, totals.Pages, totals.Errors);
        await DropReminderAsync();
    }

    /// <summary>Records the failure; a later <see cref="StartAsync"/> resumes from the checkpoint, which stays.</summary>
    private async Task FailAsync(Exception exception)
    {
        state.State.State = ImportState.Failed;
        state.State.Failure = Describe(exception);
        CountState();
        metrics.ImportFinished(_accountId, ImportState.Failed);
        LogFailed(logger, _accountLog, _importLog, Untrusted.Message(state.State.Failure));
        try
        {
            await state.WriteStateAsync();
            await DropReminderAsync();
        }
        catch (Exception ex) when (ex is InconsistentStateException or OrleansException or TimeoutException)
        {
            // Not saved: the next activation finds the import still running and tries again.
            LogFailureNotSaved(logger, _accountLog, _importLog, Untrusted.Message(ex.GetType().Name));
            this.DeactivateOnIdle();
        }
    }

    private async Task<ReportSnapshot> AnalyzeAsync(CancellationToken cancellationToken)
    {
        var token = await TokenAsync(cancellationToken);
        var budget = GrainFactory.GetGrain<IAccountBudget>(GrainKeys.Account(_accountId));
        using var limiter = new AccountPermitLimiter(ct => ReserveAsync(budget, ct), id => ReportCompleted(budget, id), time);
        var settings = options.Value;
        await using var analyzer = aggregators.AddTo(analyzers.CreateBuilder())
            .Configure(o => settings.ConfigureAnalysis?.Invoke(o))
            .AddHubSpotImport(
                o =>
                {
                    settings.ConfigureHubSpot?.Invoke(_accountId, o);
                    o.ImportId = _importId;
                    o.AccessToken = token;
                    o.RateLimiter = limiter;
                },
                httpClients.CreateClient(Microsoft.Extensions.DependencyInjection.ImportErrorAnalyticsServiceCollectionExtensions.HttpClientName))
            .WithCheckpointStore(new GrainCheckpointStore($"grain state of import {_accountId}/{_importId}", state, _activation))
            .WithProgress(_progress)
            .Build();
        return await analyzer.RunToSnapshotAsync(cancellationToken);
    }

    /// <summary>
    /// Tells the account grain a permit's request completed, without waiting; should the report be lost (the
    /// activation is going), the account counts the permit until its longest flight is over.
    /// </summary>
    private void ReportCompleted(IAccountBudget budget, long permitId) =>
        _activation.RunAsync(() => budget.CompletedAsync(permitId), CancellationToken.None)
            .ContinueWith(static report => _ = report.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);

    private async Task<HubSpotAccessToken> TokenAsync(CancellationToken cancellationToken)
    {
        string value;
        try
        {
            value = await tokens.GetTokenAsync(_accountId, cancellationToken);
        }
        catch (KeyNotFoundException ex)
        {
            throw new TokenUnavailableException($"The token provider knows no account '{_accountId}'.", ex);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Only the type: a provider's message might quote what it was given.
            throw new TokenUnavailableException($"The token provider failed for account '{_accountId}' ({ex.GetType().Name}).", ex);
        }

        return string.IsNullOrWhiteSpace(value)
            ? throw new TokenUnavailableException($"The token provider gave an empty token for account '{_accountId}'.")
            : HubSpotAccessToken.From(value);
    }

    private static string Describe(Exception exception) => exception is HubSpotApiException or ImportErrorFormatException
        or CheckpointException or SnapshotFormatException or SnapshotMismatchException or TokenUnavailableException
        ? exception.Message
        : $"{exception.GetType().Name}: {exception.Message}";
}
