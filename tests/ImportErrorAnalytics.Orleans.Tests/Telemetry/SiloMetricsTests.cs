using System.Diagnostics;
using System.Diagnostics.Metrics;
using ImportErrorAnalytics.Orleans.Telemetry;
using ImportErrorAnalytics.Orleans.Tests.Support;
using ImportErrorAnalytics.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ImportErrorAnalytics.Orleans.Tests.Telemetry;

/// <summary>The silo's meter and activity source: what an operator watches, read with <c>MeterListener</c> and <c>ActivityListener</c>.</summary>
[Collection(SharedClusterDefinition.Name)]
[Slow(SlowKind.Orleans)]
public sealed class SiloMetricsTests(AnalyticsCluster cluster)
{
    [Fact]
    public async Task AnAccountsRun_IsMeasured_PermitsPerAccount_Waits_ImportsFinishedAndByState_AndTracedPerImport()
    {
        // Seven requests (the import, six pages) on a budget of four: three of them wait for the window.
        var account = await cluster.Accounts.AddAsync("metrics-1", [("7931", 600, 71)], budget: 4);
        using var measurements = new SiloMeasurements(cluster.MeterScopes());
        var runs = new List<Activity>();
        using var activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name == OrleansTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if ((string?)activity.GetTagItem("iea.account.id") == account.Id)
                {
                    lock (runs)
                    {
                        runs.Add(activity);
                    }
                }
            },
        };
        ActivitySource.AddActivityListener(activities);

        await cluster.Client.GetAccountGrain(account.Id).StartImportsAsync(account.ImportIds);
        var rollup = await Eventually.ResultAsync(
            cluster.Client.GetAccountGrain(account.Id).GetRollupAsync, r => r.IsFinished, TimeSpan.FromMinutes(1), "the import to finish");
        measurements.Observe();

        var status = Assert.Single(rollup.Imports);
        Assert.Equal(ImportState.Completed, status.State);
        var permits = measurements.Of("iea.orleans.permits.granted").Where(m => m.Tag("iea.account.id") == account.Id).ToList();
        Assert.Equal(account.Server.Requests.Count, permits.Sum(m => m.Value));
        Assert.All(permits, m => Assert.Equal("{permit}", m.Unit));
        var waits = measurements.Of("iea.orleans.permit.wait.duration").Where(m => m.Tag("iea.account.id") == account.Id).ToList();
        Assert.NotEmpty(waits);
        Assert.All(waits, m => Assert.True(m.Value > 0 && m.Value <= 11, $"a wait of {m.Value} s"));
        var finished = Assert.Single(measurements.Of("iea.orleans.imports.finished"), m => m.Tag("iea.account.id") == account.Id);
        Assert.Equal(("completed", 1.0), (finished.Tag("iea.import.outcome"), finished.Value));
        var byState = measurements.Of("iea.orleans.imports");
        Assert.Equal(["completed", "failed", "pending", "running"], byState.Select(m => m.Tag("iea.import.state")).Distinct().Order());
        Assert.True(byState.Where(m => m.Tag("iea.import.state") == "completed").Sum(m => m.Value) >= 1);

        var run = Assert.Single(runs);
        Assert.Equal("iea.orleans.import", run.OperationName);
        Assert.Equal("7931", run.GetTagItem("iea.import.id"));
        Assert.Equal("completed", run.GetTagItem("iea.import.outcome"));
        Assert.Equal(status.Pages, run.GetTagItem("iea.import.pages"));
        Assert.Equal(600L, run.GetTagItem("iea.import.errors"));
        Assert.All(run.TagObjects, tag => Assert.DoesNotContain(account.Server.AccessToken, tag.Value?.ToString() ?? "", StringComparison.Ordinal));
    }

    [Fact]
    public void WithoutTheAccountTag_PermitsAndWaitsCarryNoAccount_AndImportsAreCountedUnderTheirCurrentState()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var factory = services.GetRequiredService<IMeterFactory>();
        var metrics = new SiloMetrics(factory, Options.Create(new ImportErrorAnalyticsGrainOptions { TagMetricsWithAccount = false }));
        using var measurements = new SiloMeasurements([factory]);

        metrics.PermitAnswered("portal-1", granted: true, TimeSpan.FromSeconds(2));
        metrics.PermitAnswered("portal-1", granted: false, TimeSpan.FromSeconds(5));
        metrics.PermitAnswered("portal-1", granted: true, TimeSpan.Zero);
        metrics.ImportMoved(null, ImportState.Pending);
        metrics.ImportMoved(ImportState.Pending, ImportState.Running);
        metrics.ImportMoved(null, ImportState.Running);
        metrics.ImportMoved(ImportState.Running, ImportState.Completed);
        metrics.ImportMoved(null, ImportState.Failed);
        metrics.ImportMoved(ImportState.Failed, null);
        measurements.Observe();

        Assert.Equal(2, measurements.Of("iea.orleans.permits.granted").Sum(m => m.Value));
        Assert.Equal([("granted", 2.0), ("deferred", 5.0)], measurements.Of("iea.orleans.permit.wait.duration").Select(m => (m.Tag("iea.permit.outcome"), m.Value)));
        Assert.All(measurements.Of("iea.orleans.permits.granted").Concat(measurements.Of("iea.orleans.permit.wait.duration")), m => Assert.False(m.Tags.ContainsKey("iea.account.id")));
        var byState = measurements.Of("iea.orleans.imports").ToDictionary(m => m.Tag("iea.import.state")!, m => m.Value);
        Assert.Equal(new Dictionary<string, double> { ["pending"] = 0, ["running"] = 1, ["completed"] = 1, ["failed"] = 0 }, byState);
    }
}
