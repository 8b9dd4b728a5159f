using System.Collections.Concurrent;

namespace ImportErrorAnalytics.Orleans.Tests.PostgreSql;

/// <summary>A grain that registers a reminder and counts its ticks (in <see cref="ReminderTicks"/>).</summary>
public interface IReminderProbeGrain : IGrainWithStringKey
{
    Task RegisterAsync(string name, TimeSpan dueTime, TimeSpan period);

    Task UnregisterAsync(string name);
}

/// <summary>The ticks the probe grains of one silo received, by grain key and reminder name.</summary>
public sealed class ReminderTicks
{
    private readonly ConcurrentDictionary<string, int> _ticks = new();

    public void Record(string key, string reminder) => _ticks.AddOrUpdate($"{key}/{reminder}", 1, (_, n) => n + 1);

    public int Count(string key, string reminder) => _ticks.GetValueOrDefault($"{key}/{reminder}");
}

internal sealed class ReminderProbeGrain(ReminderTicks ticks) : Grain, IReminderProbeGrain, IRemindable
{
    public async Task RegisterAsync(string name, TimeSpan dueTime, TimeSpan period) =>
        await this.RegisterOrUpdateReminder(name, dueTime, period);

    public async Task UnregisterAsync(string name)
    {
        var reminder = await this.GetReminder(name) ?? throw new InvalidOperationException($"No reminder '{name}'.");
        await this.UnregisterReminder(reminder);
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        ticks.Record(this.GetPrimaryKeyString(), reminderName);
        return Task.CompletedTask;
    }
}

/// <summary>A state for the storage tests.</summary>
[GenerateSerializer]
public sealed class ProbeState
{
    [Id(0)]
    public string Text { get; set; } = "";
}
