using ImportErrorAnalytics.HubSpot;
using ImportErrorAnalytics.Model;
using ImportErrorAnalytics.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ImportErrorAnalytics.Tests.Sources;

public class DependencyInjectionTests
{
    [Fact]
    public async Task AddImportErrorAnalytics_GivesAFactoryThatReadsImports()
    {
        await using var server = await FakeHubSpotRuns.StartAsync(FakeHubSpotRuns.Import(400));
        var services = new ServiceCollection()
            .AddImportErrorAnalytics(o =>
            {
                o.BaseAddress = server.BaseAddress;
                o.AccessToken = HubSpotAccessToken.From(server.AccessToken);
                o.Limit = 100;
            });
        await using var provider = services.BuildServiceProvider();

        var factory = provider.GetRequiredService<IImportErrorAnalyzerFactory>();
        var report = await factory.CreateBuilderForImport(FakeHubSpotRuns.ImportId).Build().RunAsync();

        Assert.Equal(400, report.Totals.Errors);
        Assert.Equal(4, report.Totals.Pages);
        Assert.Same(TimeProvider.System, provider.GetRequiredService<TimeProvider>());
    }
}
