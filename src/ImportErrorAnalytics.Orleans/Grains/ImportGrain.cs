using ImportErrorAnalytics.HubSpot;
using ImportErrorAnalytics.Orleans.Aggregation;
using ImportErrorAnalytics.Orleans.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Placement;
using ImportErrorAnalytics.Escaping;

namespace ImportErrorAnalytics.Orleans.Grains;

/// <summary>
/// One import of one account. Its run goes on in the background of the activation (grain calls answer meanwhile);
/// it stops with the activation or the silo, and a new activation of a running import resumes it from the checkpoint
/// in grain storage. Placed on a random silo, so that the imports an account starts at once spread over the cluster
/// instead of landing beside their account grain (load statistics lag behind such a burst).
/// </summary>
[RandomPlacement]
internal sealed partial class ImportGrain(
    [PersistentState("import", ImportErrorAnalyticsGrainOptions.StorageName)] IPersistentState<ImportGrainState> state,
    IOptions<ImportErrorAnalyticsGrainOptions> options,
    IHubSpotTokenProvider tokens,
    IImportErrorAnalyzerFactory analyzers,
    SiloAggregators aggregators,
    SiloMetrics metrics,
    IHttpClientFactory httpClients,
    TimeProvider time,
    ILogger<ImportGrain> logger) : Grain, IImportGrain
{
    /// <summary>How often the running import's keep-alive timer ticks, so the activation is not collected as idle.</summary>
    private static readonly TimeSpan KeepAlivePeriod = TimeSpan.FromMinutes(1);

    private readonly ImportProgress _progress = new();
    private ActivationScheduler _activation = null!;
    private string _accountId = "";
    private string _importId = "";

    /// <summary>The ids as log messages take them: escaped onto one line by any text sink.</summary>
    private Untrusted _accountLog;
    private Untrusted _importLog;
    private CancellationTokenSource? _stop;
    private Task? _run;
    private IGrainTimer? _keepAlive;

    /// <summary>The state this activation is counted in by <see cref="SiloMetrics"/>; none before activation and after deactivation.</summary>
    private ImportState? _counted;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _activation = new ActivationScheduler(TaskScheduler.Current);
        (_accountId, _importId) = GrainKeys.ParseImport(this.GetPrimaryKeyString());
        (_accountLog, _importLog) = (Untrusted.Message(_accountId), Untrusted.Message(_importId));
        CountState();
        if (state.State.State == ImportState.Running)
        {
            LogResuming(logger, _accountLog, _importLog, RuntimeIdentity);
            EnsureRunning();
            try
            {
                // Normally there already (registered before the import was saved as running).
                await KeepReminderAsync();
            }
            catch (Exception ex) when (ex is OrleansException or TimeoutException or ReminderException)
            {
                LogReminderNotRegistered(logger, _accountLog, _importLog, Untrusted.Message(ex.GetType().Name));
            }
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_stop is not null)
        {
            await _stop.CancelAsync();
        }

        if (_run is not null)
        {
            try
            {
                await _run.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // The silo is in a hurry; the checkpoint in storage is whole either way.
            }
        }

        _stop?.Dispose();
        metrics.ImportMoved(_counted, null);
        _counted = null;
    }

    public async Task<ImportStatus> StartAsync()
    {
        if (state.State.State is ImportState.Pending or ImportState.Failed)
        {
            await KeepReminderAsync();
            state.State.State = ImportState.Running;
            state.State.Failure = null;
            await state.WriteStateAsync();
            CountState();
            LogStarting(logger, _accountLog, _importLog, RuntimeIdentity);
        }

        if (state.State.State == ImportState.Running)
        {
            EnsureRunning();
        }

        return Status();
    }

    public Task<ImportStatus> GetStatusAsync() => Task.FromResult(Status());

    public Task<ImportResult> GetResultAsync() =>
        Task.FromResult(new ImportResult { Status = Status(), Snapshot = state.State.Snapshot });

    private ImportStatus Status()
    {
        var done = state.State.State == ImportState.Completed;
        return new ImportStatus
        {
            AccountId = _accountId,
            ImportId = _importId,
            State = state.State.State,
            Pages = done ? state.State.Pages : _progress.Pages,
            Errors = done ? state.State.Errors : _progress.Errors,
            Silo = RuntimeIdentity,
            Failure = state.State.Failure,
        };
    }

    /// <summary>Counts this activation under its state as stored (or being stored) now.</summary>
    private void CountState()
    {
        metrics.ImportMoved(_counted, state.State.State);
        _counted = state.State.State;
    }

    /// <summary>Starts the run unless one is going; it stops when the grain deactivates or the silo's host stops.</summary>
    private void EnsureRunning()
    {
        if (_run is { IsCompleted: false })
        {
            return;
        }

        _stop?.Dispose();
        _stop = ServiceProvider.GetService<IHostApplicationLifetime>() is { } host
            ? CancellationTokenSource.CreateLinkedTokenSource(host.ApplicationStopping)
            : new CancellationTokenSource();
        _keepAlive ??= this.RegisterGrainTimer(
            static () => Task.CompletedTask, new GrainTimerCreationOptions(KeepAlivePeriod, KeepAlivePeriod) { KeepAlive = true });
        _run = RunAsync(_stop.Token);
    }
}
