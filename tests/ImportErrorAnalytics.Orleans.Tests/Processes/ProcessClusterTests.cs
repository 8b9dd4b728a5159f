using ImportErrorAnalytics.Orleans.Tests.PostgreSql;
using ImportErrorAnalytics.Orleans.Tests.Support;
using ImportErrorAnalytics.Testing.FakeHubSpot;
using ImportErrorAnalytics.Tests.Shared;
using Npgsql;
using Xunit.Abstractions;

namespace ImportErrorAnalytics.Orleans.Tests.Processes;

/// <summary>
/// Silos as separate <c>iea-silo</c> processes on PostgreSQL, a client, and a fake HubSpot per account; silos are
/// killed with SIGKILL (no shutdown code runs), the way a machine is lost.
/// </summary>
[Slow(SlowKind.Process)]
public sealed class ProcessClusterTests(PostgresDatabase database, ITestOutputHelper output) : IClassFixture<PostgresDatabase>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task KilledSiloRunningAnImport_ItCompletesOnAnotherFromItsSavedPage_EveryPageAnsweredOnce_SameReport()
    {
        await database.CreateSchemaAsync();
        await using var accounts = new FakeAccounts();
        // Ten pages; the fake holds the fifth request unanswered until its silo is killed, so four pages are saved
        // and the fifth is answered by nobody: "answered once" is exact.
        var target = await accounts.AddAsync("proc-kill", [("9701", 1_000, 71)], configure: o => o.Faults.OnRequest(5, Fault.Hang()));
        var other = await accounts.AddAsync("proc-other", [("9711", 400, 72), ("9712", 300, 73)]);
        await using var cluster = new ProcessCluster(database.ConnectionString, [target, other]);
        await cluster.StartSilosAsync(3);
        await cluster.StartClientAsync();
        await cluster.StartImportsAsync(target);
        await cluster.StartImportsAsync(other);

        var grain = cluster.Client.GetImportGrain(target.Id, "9701");
        var log = target.Server.Requests;
        var before = await Eventually.ResultAsync(
            grain.GetStatusAsync, s => s.Pages == 4 && log.ErrorsRequests("9701").Count == 5, Deadline, "four pages saved and the fifth asked for");
        var victim = cluster.ProcessOf(before.Silo);
        victim.Kill();
        var after = await Eventually.ResultAsync(grain.GetStatusAsync, s => s.State == ImportState.Completed, Deadline, "the import to complete elsewhere");
        output.WriteLine($"killed process {victim.ProcessId} ({before.Silo}) at {before}; completed on {after.Silo}");

        Assert.True(victim.HasExited);
        Assert.NotEqual(before.Silo, after.Silo);
        Assert.Contains(after.Silo, cluster.Silos.Where(s => !s.HasExited).Select(s => s.Silo));
        var requests = log.ErrorsRequests("9701");
        Assert.False(requests[4].Completed);
        Assert.NotNull(requests[4].After);
        Assert.Equal(requests[4].After, requests[5].After);
        var answered = requests.Where(r => r.Succeeded).Select(r => r.After ?? "").ToList();
        Assert.Equal(10, answered.Count);
        Assert.Equal(answered.Count, answered.Distinct().Count());
        Assert.Empty(log.UnservedCursors("9701"));
        Assert.Equal(
            ReportJson.Of(await FakeAccounts.SingleRunAsync(target, "9701")),
            ReportJson.Of(await (await grain.GetResultAsync()).CreateReportAsync()));

        await AssertCompletedAsSingleRunsAsync(cluster, other);
        AssertNoSecretInOutputs(cluster, [target, other]);
    }

    [Fact]
    public async Task KilledSiloHoldingAnAccountGrain_TheAccountStaysWithinItsBudget_InEveryTenSecondsOfTheServerLog()
    {
        await database.CreateSchemaAsync();
        await using var accounts = new FakeAccounts();
        const int budget = 20;
        var account = await accounts.AddAsync(
            "proc-budget", [("9751", 800, 81), ("9752", 800, 82), ("9753", 800, 83)], budget: budget, configure: o => o.BurstLimit = budget);
        await using var cluster = new ProcessCluster(database.ConnectionString, [account]);
        await cluster.StartSilosAsync(3);
        await cluster.StartClientAsync();
        var accountGrain = cluster.Client.GetAccountGrain(account.Id);
        await cluster.StartImportsAsync(account);
        var log = account.Server.Requests;
        await Eventually.ResultAsync(() => Task.FromResult(log.Count), n => n >= 10, Deadline, "ten requests");

        var holder = await cluster.Client.GetGrain<IManagementGrain>(0).GetActivationAddress(accountGrain);
        var victim = cluster.ProcessOf(holder?.ToString());
        var requestsBefore = log.Count;
        victim.Kill();
        await Eventually.ResultAsync(accountGrain.GetRollupAsync, r => r.IsFinished, Deadline, "the account's imports to finish");
        var maxInWindow = log.MaxRequestsInWindow(TimeSpan.FromSeconds(10));
        output.WriteLine($"killed process {victim.ProcessId} ({holder}) after {requestsBefore} requests; {log.Count} in all, at most {maxInWindow} in any 10 s");

        Assert.True(log.Count > requestsBefore);
        Assert.InRange(maxInWindow, 1, budget);
        Assert.DoesNotContain(log.Snapshot(), entry => entry.RefusedByRateLimit);
        var newHolder = await cluster.Client.GetGrain<IManagementGrain>(0).GetActivationAddress(accountGrain);
        Assert.NotEqual(holder, newHolder);
        await AssertCompletedAsSingleRunsAsync(cluster, account);
    }

    [Fact]
    public async Task EverySiloKilled_NewSilosResumeUnfinishedImportsWithoutAnyCall_FinishedOnesKeepTheirResults()
    {
        await database.CreateSchemaAsync();
        await using var accounts = new FakeAccounts();
        var done = await accounts.AddAsync("proc-done", [("9761", 300, 91), ("9762", 200, 92)]);
        var open1 = await accounts.AddAsync("proc-open1", [("9771", 800, 93)], configure: o => o.Faults.OnRequest(3, Fault.Hang()));
        var open2 = await accounts.AddAsync("proc-open2", [("9781", 600, 94)], configure: o => o.Faults.OnRequest(4, Fault.Hang()));
        await using var cluster = new ProcessCluster(database.ConnectionString, [done, open1, open2]);
        await cluster.StartSilosAsync(3);
        await cluster.StartClientAsync();
        foreach (var account in new[] { done, open1, open2 })
        {
            await cluster.StartImportsAsync(account);
        }

        await Eventually.ResultAsync(cluster.Client.GetAccountGrain(done.Id).GetRollupAsync, r => r.IsFinished, Deadline, "the finished account");
        await Eventually.ResultAsync(
            cluster.Client.GetImportGrain(open1.Id, "9771").GetStatusAsync, s => s.Pages == 2 && open1.Server.Requests.ErrorsRequests("9771").Count == 3, Deadline, "open1 held at its third page");
        await Eventually.ResultAsync(
            cluster.Client.GetImportGrain(open2.Id, "9781").GetStatusAsync, s => s.Pages == 3 && open2.Server.Requests.ErrorsRequests("9781").Count == 4, Deadline, "open2 held at its fourth page");
        var doneRequests = done.Server.Requests.Count;

        // Nobody calls from here on: the client goes, every silo is killed, two new ones start.
        await cluster.StopClientAsync();
        foreach (var silo in cluster.Silos)
        {
            silo.Kill();
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        await cluster.StartSilosAsync(2);
        var ready = clock.Elapsed;
        await Eventually.ResultAsync(
            async () => (Open1: open1.Server.Requests.PagesServed("9771"), Open2: open2.Server.Requests.PagesServed("9781"), Reminders: await RemindersAsync(cluster)),
            r => r.Open1 == 8 && r.Open2 == 6 && r.Reminders == 0,
            Deadline,
            "both unfinished imports to finish on the new silos and drop their reminders");

        var resumed = clock.Elapsed;
        await cluster.StartClientAsync();
        foreach (var importId in done.ImportIds)
        {
            var kept = await cluster.Client.GetImportGrain(done.Id, importId).GetResultAsync();
            Assert.Equal(ImportState.Completed, kept.Status.State);
        }

        // Their results were read back from PostgreSQL, without a request (the single runs below make their own).
        Assert.Equal(doneRequests, done.Server.Requests.Count);
        output.WriteLine($"all silos killed; new silos ready after {ready.TotalSeconds:F1} s, both imports finished after {resumed.TotalSeconds:F1} s");
        Assert.Equal(open1.Server.Requests.ErrorsRequests("9771")[2].After, open1.Server.Requests.ErrorsRequests("9771")[3].After);
        Assert.Equal(open2.Server.Requests.ErrorsRequests("9781")[3].After, open2.Server.Requests.ErrorsRequests("9781")[4].After);
        await AssertCompletedAsSingleRunsAsync(cluster, open1);
        await AssertCompletedAsSingleRunsAsync(cluster, open2);
        await AssertCompletedAsSingleRunsAsync(cluster, done);
    }

    private static async Task AssertCompletedAsSingleRunsAsync(ProcessCluster cluster, FakeAccount account)
    {
        foreach (var importId in account.ImportIds)
        {
            var grain = cluster.Client.GetImportGrain(account.Id, importId);
            var result = await Eventually.ResultAsync(grain.GetResultAsync, r => r.Status.IsFinished, Deadline, $"{account.Id}/{importId} to finish");
            Assert.True(result.Status.State == ImportState.Completed, $"{result.Status}: {result.Status.Failure}");
            Assert.Equal(ReportJson.Of(await FakeAccounts.SingleRunAsync(account, importId)), ReportJson.Of(await result.CreateReportAsync()));
        }
    }

    private static void AssertNoSecretInOutputs(ProcessCluster cluster, IEnumerable<FakeAccount> accounts)
    {
        var password = new NpgsqlConnectionStringBuilder(cluster.ConnectionString).Password;
        var lines = cluster.Silos.SelectMany(s => s.Output).ToList();
        Assert.NotEmpty(lines);
        foreach (var account in accounts)
        {
            Assert.DoesNotContain(lines, line => line.Contains(account.GivenToken, StringComparison.Ordinal));
        }

        if (!string.IsNullOrEmpty(password))
        {
            Assert.DoesNotContain(lines, line => line.Contains(password, StringComparison.Ordinal));
        }
    }

    private async Task<long> RemindersAsync(ProcessCluster cluster) =>
        (await database.QueryAsync($"SELECT count(*) FROM iea_reminder WHERE service_id = '{cluster.ServiceId}'", r => r.GetInt64(0))).Single();
}
