using Microsoft.Extensions.Logging;
using ImportErrorAnalytics.Escaping;

namespace ImportErrorAnalytics.Orleans.Grains;

/// <summary>
/// The import's reminder: registered before the import is saved as running, removed once it is saved as completed or
/// failed. Its ticks activate the grain on a live silo after its silo died, where the activation resumes the run from
/// the checkpoint; so an import finishes after every silo was lost and new ones started, without anybody asking.
/// </summary>
internal sealed partial class ImportGrain : IRemindable
{
    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != ImportErrorAnalyticsGrainOptions.ImportReminderName)
        {
            return Task.CompletedTask;
        }

        if (state.State.State == ImportState.Running)
        {
            EnsureRunning();
            return Task.CompletedTask;
        }

        // Finished (its removal was lost with a silo) or never saved as running: nothing left to resume.
        return DropReminderAsync();
    }

    /// <summary>Registers the reminder unless it exists; before the state says running, so a running import always has one.</summary>
    private async Task KeepReminderAsync()
    {
        if (await this.GetReminder(ImportErrorAnalyticsGrainOptions.ImportReminderName) is not null)
        {
            return;
        }

        var period = options.Value.ImportReminderPeriod;
        await this.RegisterOrUpdateReminder(ImportErrorAnalyticsGrainOptions.ImportReminderName, period, period);
    }

    /// <summary>
    /// Removes the reminder once the import is finished. A failure here is logged, not raised: the import's state is
    /// saved already, and the reminder's next tick finds it finished and tries again.
    /// </summary>
    private async Task DropReminderAsync()
    {
        try
        {
            if (await this.GetReminder(ImportErrorAnalyticsGrainOptions.ImportReminderName) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }
        }
        catch (Exception ex)
        {
            // Whatever it is, it must not turn the saved outcome into a failure of the run.
            LogReminderNotRemoved(logger, _accountLog, _importLog, Untrusted.Message(ex.GetType().Name));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Import {AccountId}/{ImportId} resumes without checking its reminder ({Reason}); it was registered when the import started.")]
    private static partial void LogReminderNotRegistered(ILogger logger, Untrusted accountId, Untrusted importId, Untrusted reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Import {AccountId}/{ImportId}: its reminder could not be removed ({Reason}); its next tick tries again.")]
    private static partial void LogReminderNotRemoved(ILogger logger, Untrusted accountId, Untrusted importId, Untrusted reason);
}
