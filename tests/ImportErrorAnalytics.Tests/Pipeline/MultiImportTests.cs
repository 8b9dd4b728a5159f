using ImportErrorAnalytics.Pipeline;
using ImportErrorAnalytics.Reporting;
using ImportErrorAnalytics.HubSpot;
using ImportErrorAnalytics.Model;
using ImportErrorAnalytics.Testing.FakeHubSpot;
using ImportErrorAnalytics.Tests.Shared;
using ImportErrorAnalytics.Tests.Support;

namespace ImportErrorAnalytics.Tests.Pipeline;

/// <summary>Several HubSpot imports in one run, against the fake HubSpot over loopback sockets.</summary>
[Slow(SlowKind.RealTime)]
public class MultiImportTests
{
    [Fact]
    public async Task RunPerImport_EachReportEqualsASingleImportRun_AndTheCombinedOneEqualsTheMerge()
    {
        var imports = FakeHubSpotImports.Imports(1_500, 900, 600);
        await using var server = await FakeHubSpotImports.StartAsync(imports);

        var result = await ImportErrorAnalyzer.CreateBuilder()
            .AddHubSpotImports(imports.Select(i => i.Id), FakeHubSpotImports.Options(server))
            .Build()
            .RunPerImportAsync();

        Assert.Equal(imports.Length, result.Imports.Count);
        for (var i = 0; i < imports.Length; i++)
        {
            var single = await ImportErrorAnalyzer.CreateBuilder()
                .AddHubSpotImport(FakeHubSpotImports.Options(server, o => o.ImportId = imports[i].Id))
                .Build()
                .RunAsync();
            Assert.Equal(JsonReport.ToJson(single), JsonReport.ToJson(result.Imports[i]));
            Assert.Null(result.Imports[i].PerImport);
        }

        var combined = result.Combined;
        FakeHubSpotRuns.AssertSameCounts(await FakeHubSpotImports.InMemoryAsync(imports), combined);
        Assert.Equal(result.Imports.Select(r => Json.Of(r.Sources[0])), combined.Sources.Select(Json.Of));
        Assert.Equal((3, 3_000L), (combined.Totals.Inputs, combined.Totals.Errors));
        Assert.Equal(ImportErrorReport.CurrentSchemaVersion, combined.SchemaVersion);
    }

    [Fact]
    public async Task RunAsync_OverSeveralImports_GivesNoPerImportRateItCannotKnow()
    {
        var imports = FakeHubSpotImports.Imports(700, 400);
        await using var server = await FakeHubSpotImports.StartAsync(imports);
        var analyzer = ImportErrorAnalyzer.CreateBuilder()
            .AddHubSpotImports(imports.Select(i => i.Id), FakeHubSpotImports.Options(server))
            .Build();

        var together = await analyzer.RunAsync();
        var apart = await analyzer.RunPerImportAsync();

        Assert.Equal(1_100, together.Totals.Errors);
        Assert.All(together.Sources, source =>
        {
            Assert.Null(source.ErrorRate);
            Assert.Null(source.FailingRowRate);
            Assert.Contains(source.Warnings, w => w.Contains("no error rate per import", StringComparison.Ordinal));
        });
        Assert.All(apart.Imports, report => Assert.NotNull(Assert.Single(report.Sources).ErrorRate));
    }

    [Fact]
    public async Task RunPerImport_PerImportRowsAddUpToTheCombinedTablesInTheirOrder()
    {
        var imports = FakeHubSpotImports.Imports(700, 400);
        await using var server = await FakeHubSpotImports.StartAsync(imports);

        var result = await ImportErrorAnalyzer.CreateBuilder()
            .AddHubSpotImports(imports.Select(i => i.Id), FakeHubSpotImports.Options(server))
            .Build()
            .RunPerImportAsync();

        var perImport = Assert.IsType<PerImportTables>(result.Combined.PerImport);
        Assert.Equal(imports.Select(i => i.Id), perImport.Totals.Select(t => t.ImportId));
        Assert.Equal(result.Imports.Select(r => r.Totals.Errors), perImport.Totals.Select(t => t.Errors));
        Assert.Equal(
            result.Combined.ErrorTypes.Select(t => (t.ErrorType, t.Count)),
            perImport.ErrorTypes.GroupBy(r => r.ErrorType).Select(g => (g.Key, g.Sum(r => r.Count))));
        Assert.Equal(
            result.Combined.Columns.Select(c => (c.Column, c.Count)),
            perImport.Columns.GroupBy(r => r.Column).Select(g => (g.Key, g.Sum(r => r.Count))));
        Assert.Equal(
            result.Combined.ObjectTypes.Select(t => (t.ObjectType, t.Count)),
            perImport.ObjectTypes.GroupBy(r => r.ObjectType).Select(g => (g.Key, g.Sum(r => r.Count))));
        for (var i = 0; i < imports.Length; i++)
        {
            var own = result.Imports[i].ErrorTypes.ToDictionary(t => t.ErrorType!, t => t.Count);
            Assert.Equal(own, perImport.ErrorTypes.Where(r => r.ImportId == imports[i].Id).ToDictionary(r => r.ErrorType!, r => r.Count));
        }

        Assert.Contains("\"perImport\"", JsonReport.ToJson(result.Combined), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SharedLimiter_KeepsEveryImportTogetherInsideOneBurstBudget()
    {
        var imports = FakeHubSpotImports.Imports(150, 150, 150);
        await using var server = await FakeHubSpotImports.StartAsync(imports, o => o.BurstLimit = 5);

        var result = await ImportErrorAnalyzer.CreateBuilder()
            .AddHubSpotImports(imports.Select(i => i.Id), FakeHubSpotImports.Options(server, o => o.RequestsPerTenSeconds = 5))
            .Build()
            .RunPerImportAsync();

        Assert.Equal([150L, 150L, 150L], result.Imports.Select(r => r.Totals.Errors));
        Assert.Equal(9, server.Requests.Count);
        Assert.True(server.Requests.MaxRequestsInWindow(TimeSpan.FromSeconds(10)) <= 5, "the three imports shared one budget of 5 requests per 10 s");
        Assert.DoesNotContain(server.Requests.Snapshot(), r => r.StatusCode == 429);
    }

    [Fact]
    public async Task OneMissingImport_FailsTheRunWithItsError()
    {
        var imports = FakeHubSpotImports.Imports(300);
        await using var server = await FakeHubSpotImports.StartAsync(imports);

        var error = await Assert.ThrowsAsync<HubSpotApiException>(() => ImportErrorAnalyzer.CreateBuilder()
            .AddHubSpotImports([imports[0].Id, "404404"], FakeHubSpotImports.Options(server))
            .Build()
            .RunPerImportAsync());

        Assert.Equal(HubSpotFailure.NotFound, error.Failure);
        Assert.Contains("404404", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(server.AccessToken, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RepeatedIds_AreReadOnce()
    {
        var imports = FakeHubSpotImports.Imports(200);
        await using var server = await FakeHubSpotImports.StartAsync(imports);

        var result = await ImportErrorAnalyzer.CreateBuilder()
            .AddHubSpotImports([imports[0].Id, imports[0].Id], FakeHubSpotImports.Options(server))
            .Build()
            .RunPerImportAsync();

        Assert.Single(result.Imports);
        Assert.Equal(200, result.Combined.Totals.Errors);
    }

    [Fact]
    public async Task NoImports_GiveAnEmptyCombinedReport()
    {
        var result = await ImportErrorAnalyzer.CreateBuilder()
            .AddHubSpotImports([], o => o.AccessToken = HubSpotAccessToken.From("pat-na1-unused"))
            .Build()
            .RunPerImportAsync();

        Assert.Empty(result.Imports);
        Assert.Equal(0, result.Combined.Totals.Errors);
        Assert.Empty(Assert.IsType<PerImportTables>(result.Combined.PerImport).Totals);
    }

    [Fact]
    public async Task RunPerImport_RefusesInputsThatAreNotHubSpotImports()
    {
        using var temp = new TempDirectory();
        var file = temp.File("page.json", """{"results":[]}""");

        await Assert.ThrowsAsync<InvalidOperationException>(() => ImportErrorAnalyzer.CreateBuilder().AddPath(file).Build().RunPerImportAsync());
    }
}
