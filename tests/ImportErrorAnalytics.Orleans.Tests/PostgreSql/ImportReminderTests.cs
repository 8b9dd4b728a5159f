using ImportErrorAnalytics.Orleans.Tests.Support;
using ImportErrorAnalytics.Testing.FakeHubSpot;
using ImportErrorAnalytics.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Hosting;

namespace ImportErrorAnalytics.Orleans.Tests.PostgreSql;

/// <summary>
/// Recovery by reminders, on PostgreSQL: a running import keeps a reminder, which brings it back after the whole
/// cluster is gone without any call; a finished import (completed or failed) keeps none.
/// </summary>
[Slow(SlowKind.Orleans)]
public sealed class ImportReminderTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private static readonly TimeSpan ReminderPeriod = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task WholeClusterStoppedMidImport_ANewClusterFinishesIt_WithoutAnyCall_FromItsSavedPage()
    {
        await database.CreateSchemaAsync();
        await using var accounts = new FakeAccounts();
        // Ten pages; the fourth request hangs, so three pages are saved when the cluster goes.
        var account = await accounts.AddAsync("rem-crash", [("9601", 1_000, 61)], configure: o => o.Faults.OnRequest(4, Fault.Hang()));
        var log = account.Server.Requests;

        await using (var first = await StartSiloAsync("first-" + Guid.NewGuid().ToString("N")[..8], accounts))
        {
            using var client = await PostgresSilo.StartClientAsync(database.ConnectionString, ClusterIdOf(first));
            var grain = client.Services.GetRequiredService<IClusterClient>().GetImportGrain(account.Id, "9601");
            await grain.StartAsync();
            await Eventually.ResultAsync(
                grain.GetStatusAsync, s => s.Pages == 3 && log.ErrorsRequests("9601").Count == 4, TimeSpan.FromMinutes(1), "three pages saved and the fourth asked for");
            Assert.Equal(1, await RemindersOfAsync(account.Id, "9601"));
            await client.StopAsync();
        }

        // A new cluster; nobody calls: the reminder activates the import, which resumes after its third page.
        await using var second = await StartSiloAsync("second-" + Guid.NewGuid().ToString("N")[..8], accounts);
        await Eventually.ResultAsync(
            async () => (Served: log.PagesServed("9601"), Reminders: await RemindersOfAsync(account.Id, "9601")),
            r => r.Served == 10 && r.Reminders == 0,
            TimeSpan.FromMinutes(2),
            "the import to finish on the new cluster and drop its reminder");

        var requests = log.ErrorsRequests("9601");
        Assert.False(requests[3].Succeeded);
        Assert.NotNull(requests[3].After);
        Assert.Equal(requests[3].After, requests[4].After);
        Assert.Empty(log.UnservedCursors("9601"));
        var served = requests.Where(r => r.Succeeded).Select(r => r.After ?? "").ToList();
        Assert.Equal(served.Count, served.Distinct().Count());

        using var reader = await PostgresSilo.StartClientAsync(database.ConnectionString, ClusterIdOf(second));
        var result = await reader.Services.GetRequiredService<IClusterClient>().GetImportGrain(account.Id, "9601").GetResultAsync();
        Assert.Equal(ImportState.Completed, result.Status.State);
        Assert.Equal(ReportJson.Of(await FakeAccounts.SingleRunAsync(account, "9601")), ReportJson.Of(await result.CreateReportAsync()));
        await reader.StopAsync();
    }

    [Fact]
    public async Task RunningImportsKeepAReminder_CompletedAndFailedOnesKeepNone()
    {
        await database.CreateSchemaAsync();
        await using var accounts = new FakeAccounts();
        // The second page is slow, so the running import is seen with its reminder.
        var good = await accounts.AddAsync("rem-good", [("9611", 300, 62)], configure: o => o.Faults.OnRequest(2, Fault.Delay(TimeSpan.FromSeconds(3))));
        var bad = await accounts.AddAsync("rem-bad", [("9612", 300, 63)], configure: o => o.Faults.OnRequest(1, Fault.ClientError(404, "no such import")));
        await using var silo = await StartSiloAsync("states-" + Guid.NewGuid().ToString("N")[..8], accounts);
        using var client = await PostgresSilo.StartClientAsync(database.ConnectionString, ClusterIdOf(silo));
        var grains = client.Services.GetRequiredService<IClusterClient>();

        var running = await grains.GetImportGrain(good.Id, "9611").StartAsync();
        Assert.Equal(ImportState.Running, running.State);
        Assert.Equal(1, await RemindersOfAsync(good.Id, "9611"));
        await grains.GetImportGrain(bad.Id, "9612").StartAsync();

        var completed = await Eventually.ResultAsync(
            grains.GetImportGrain(good.Id, "9611").GetStatusAsync, s => s.IsFinished, TimeSpan.FromMinutes(1), "the good import to finish");
        var failed = await Eventually.ResultAsync(
            grains.GetImportGrain(bad.Id, "9612").GetStatusAsync, s => s.IsFinished, TimeSpan.FromMinutes(1), "the bad import to fail");

        Assert.Equal(ImportState.Completed, completed.State);
        Assert.Equal(ImportState.Failed, failed.State);
        Assert.Equal(0, await RemindersOfAsync(good.Id, "9611"));
        Assert.Equal(0, await RemindersOfAsync(bad.Id, "9612"));
        Assert.Empty(await database.QueryAsync("SELECT grain_id FROM iea_reminder", r => r.GetString(0)));
        await client.StopAsync();
    }

    private static string ClusterIdOf(PostgresSilo silo) =>
        silo.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<global::Orleans.Configuration.ClusterOptions>>().Value.ClusterId;

    private async Task<int> RemindersOfAsync(string accountId, string importId)
    {
        var rows = await database.QueryAsync(
            "SELECT grain_id, reminder_name FROM iea_reminder", r => (Grain: r.GetString(0), Name: r.GetString(1)));
        return rows.Count(row => row.Grain.EndsWith($"/{accountId}/{importId}", StringComparison.Ordinal)
            && row.Name == ImportErrorAnalyticsGrainOptions.ImportReminderName);
    }

    private Task<PostgresSilo> StartSiloAsync(string clusterId, FakeAccounts accounts) =>
        PostgresSilo.StartAsync(database.ConnectionString, clusterId, silo =>
        {
            silo.AddImportErrorAnalytics(o =>
            {
                o.ConfigureHubSpot = accounts.Configure;
                o.ImportReminderPeriod = ReminderPeriod;
                // The account's check would also resume the import, but only in a live activation: none here.
                o.ImportCheckPeriod = TimeSpan.FromMinutes(10);
            });
            silo.Services.AddSingleton<IHubSpotTokenProvider>(accounts);
        });
}
