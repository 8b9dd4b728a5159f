using ImportErrorAnalytics.Orleans.Tests.Support;
using ImportErrorAnalytics.Tests.Shared;

namespace ImportErrorAnalytics.Orleans.Tests;

/// <summary>Tokens come from the provider and go only into the Authorization header.</summary>
[Collection(SharedClusterDefinition.Name)]
[Slow(SlowKind.Orleans)]
public sealed class TokenTests(AnalyticsCluster cluster)
{
    [Fact]
    public async Task Tokens_AreNeverInGrainStateLogsStatusesFailuresOrReports()
    {
        var good = await cluster.Accounts.AddAsync("token-good", [("9601", 500, 13)]);
        var refused = await cluster.Accounts.AddAsync("token-refused", [("9701", 300, 14)], givenToken: $"pat-na1-{Guid.NewGuid()}");
        var fleet = cluster.Client.GetFleetGrain("tokens");

        await fleet.StartImportsAsync(good.Id, good.ImportIds);
        await fleet.StartImportsAsync(refused.Id, refused.ImportIds);
        var rollup = await Eventually.ResultAsync(fleet.GetRollupAsync, r => r.IsFinished, TimeSpan.FromMinutes(1), "both imports to finish");

        var failed = Assert.Single(rollup.Imports, status => status.AccountId == refused.Id);
        Assert.Equal(ImportState.Failed, failed.State);
        Assert.Contains("401", failed.Failure, StringComparison.Ordinal);
        Assert.Equal(ImportState.Completed, Assert.Single(rollup.Imports, status => status.AccountId == good.Id).State);

        var stored = cluster.Store.Texts();
        var logs = cluster.Logs.Lines;
        // The checks look where a token would be: decoded checkpoints and snapshots, and the grains' own log lines.
        Assert.Contains(stored, text => text.Contains("iea-snapshot", StringComparison.Ordinal));
        Assert.Contains(stored, text => text.Contains("\"complete\":true", StringComparison.Ordinal));
        Assert.Contains(logs, line => line.Contains("token-good/9601 completed", StringComparison.Ordinal));
        Assert.Contains(logs, line => line.Contains("token-refused/9701 failed", StringComparison.Ordinal));

        var report = ReportJson.Of(await rollup.CreateReportAsync());
        var statuses = string.Join("\n", rollup.Imports.Select(status => $"{status} {status.Failure}"));
        foreach (var token in new[] { good.GivenToken, refused.GivenToken })
        {
            Assert.DoesNotContain(stored, text => text.Contains(token, StringComparison.Ordinal));
            Assert.DoesNotContain(logs, line => line.Contains(token, StringComparison.Ordinal));
            Assert.DoesNotContain(token, statuses, StringComparison.Ordinal);
            Assert.DoesNotContain(token, report, StringComparison.Ordinal);
        }
    }
}
