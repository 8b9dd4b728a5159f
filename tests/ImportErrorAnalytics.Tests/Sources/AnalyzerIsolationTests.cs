using ImportErrorAnalytics.HubSpot;
using ImportErrorAnalytics.Pipeline;
using ImportErrorAnalytics.Testing.FakeHubSpot;
using ImportErrorAnalytics.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ImportErrorAnalytics.Tests.Sources;

/// <summary>
/// Two analyzers in one process never influence each other: each owns its rate limiters (unless a DI container or the
/// caller gives them one), keyed by its clock too, and disposing one leaves the other working. Both read the same fake
/// HubSpot with one base address, token and budget: what used to key one process-wide limiter.
/// </summary>
public class AnalyzerIsolationTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task AnAnalyzerWaitingOnItsRateLimit_NeitherSlowsAnother_NorBreaksWhenTheOtherIsDisposed()
    {
        var imports = FakeHubSpotImports.Imports(300, 50);
        await using var server = await FakeHubSpotImports.StartAsync(imports);
        // One budget, base address and token for both; only the clocks (and the imports) differ.
        var shared = FakeHubSpotImports.Options(server, o => (o.RequestsPerTenSeconds, o.AttemptTimeout) = (2, TimeSpan.FromHours(1)));
        var slowClock = new FakeTimeProvider();
        var otherClock = new FakeTimeProvider();

        await using var slow = Build(slowClock, imports[0].Id);
        var waiting = slow.RunAsync();
        // The import and its first page use the slow analyzer's two permits; its second page waits on its clock.
        await WaitUntilAsync(() => server.Requests.Count >= 2);
        Assert.False(waiting.IsCompleted);

        var other = Build(otherClock, imports[1].Id);
        var report = await other.RunAsync().WaitAsync(Patience);
        await other.DisposeAsync();

        Assert.Equal(50, report.Totals.Errors);
        Assert.False(waiting.IsCompleted);
        while (!waiting.IsCompleted)
        {
            slowClock.Advance(TimeSpan.FromSeconds(11));
            await Task.WhenAny(waiting, Task.Delay(50));
        }

        Assert.Equal(300, (await waiting).Totals.Errors);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => other.RunAsync());

        ImportErrorAnalyzer Build(TimeProvider time, string id) => ImportErrorAnalyzer.CreateBuilder()
            .Configure(o => o.TimeProvider = time)
            .AddHubSpotImport(o =>
            {
                shared(o);
                o.ImportId = id;
            })
            .Build();
    }

    [Fact]
    public async Task OneBuilderBuiltTwice_GivesAnalyzersWithLimitersOfTheirOwn()
    {
        var imports = FakeHubSpotImports.Imports(50);
        await using var server = await FakeHubSpotImports.StartAsync(imports);
        var builder = ImportErrorAnalyzer.CreateBuilder()
            .AddHubSpotImports([imports[0].Id], FakeHubSpotImports.Options(server, o => o.RequestsPerTenSeconds = 2));

        var first = builder.Build();
        await using var second = builder.Build();
        Assert.Equal(50, (await first.RunAsync().WaitAsync(Patience)).Totals.Errors);
        await first.DisposeAsync();

        // The first analyzer's two permits are spent and its limiter disposed; the second has its own.
        Assert.Equal(50, (await second.RunAsync().WaitAsync(Patience)).Totals.Errors);
    }

    [Fact]
    public async Task AnalyzersOfOneContainer_ShareItsLimiters_PerClock_AndTheContainerDisposesThem()
    {
        var imports = FakeHubSpotImports.Imports(50);
        await using var server = await FakeHubSpotImports.StartAsync(imports);
        var services = new ServiceCollection();
        services.AddImportErrorAnalytics(FakeHubSpotImports.Options(server));
        var provider = services.BuildServiceProvider();
        var limiters = provider.GetRequiredService<HubSpotRateLimiters>();
        var factory = provider.GetRequiredService<IImportErrorAnalyzerFactory>();

        await using (var first = factory.CreateBuilderForImport(imports[0].Id).Build())
        {
            await first.RunAsync().WaitAsync(Patience);
        }

        await using (var second = factory.CreateBuilderForImport(imports[0].Id).Configure(o => o.TimeProvider = new FakeTimeProvider()).Build())
        {
            await second.RunAsync().WaitAsync(Patience);
        }

        // One limiter for the system clock (kept after the first analyzer was disposed), one for the fake clock.
        Assert.Equal(2, limiters.Count);
        await provider.DisposeAsync();
        Assert.Equal(0, limiters.Count);
        Assert.Throws<ObjectDisposedException>(() => limiters.For(new HubSpotSourceOptions { ImportId = "1" }, HubSpotAccessToken.From("pat-na1-x"), TimeProvider.System));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (!condition())
        {
            await Task.Delay(20, timeout.Token);
        }
    }
}
