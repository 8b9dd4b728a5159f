using Microsoft.Extensions.DependencyInjection;

namespace ImportErrorAnalytics.Orleans.Tests.PostgreSql;

/// <summary>
/// A silo on a database of its own, with reminders for 40 grains spread over the hash ring written through the silo's
/// reminder table, due in a year (so the silo never fires them): what the range reads are checked against.
/// </summary>
public sealed class ReminderFixture : PostgresSiloFixture
{
    internal IReminderTable Table => Silo.Services.GetRequiredService<IReminderTable>();

    internal List<ReminderEntry> Ring { get; } = [];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var random = new Random(17);
        for (var i = 0; i < 40; i++)
        {
            var entry = new ReminderEntry
            {
                GrainId = GrainId.Create("ring", $"grain-{i}-{random.Next()}"),
                ReminderName = "ring",
                StartAt = DateTime.UtcNow.AddYears(1),
                Period = TimeSpan.FromHours(1),
            };
            entry.ETag = await Table.UpsertRow(entry);
            Ring.Add(entry);
        }
    }
}
