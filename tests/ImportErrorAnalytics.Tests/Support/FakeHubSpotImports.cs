using ImportErrorAnalytics.Parsing;
using ImportErrorAnalytics.Reporting;
using ImportErrorAnalytics.HubSpot;
using ImportErrorAnalytics.Model;
using ImportErrorAnalytics.Testing;
using ImportErrorAnalytics.Testing.FakeHubSpot;

namespace ImportErrorAnalytics.Tests.Support;

/// <summary>A fake HubSpot serving several synthetic imports, created a day apart, and the options to read them.</summary>
internal static class FakeHubSpotImports
{
    public static readonly DateTimeOffset FirstCreatedAt = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    public static (string Id, SyntheticImport Import)[] Imports(params int[] errors) =>
        errors.Select((count, i) => ($"{5001 + i}", new SyntheticImport(new SyntheticImportOptions { Seed = 100 + i, Errors = count, DistinctValuesPerColumn = 300, Files = 2 }))).ToArray();

    /// <summary>Starts a server with the imports; import i was created <see cref="FirstCreatedAt"/> + i days.</summary>
    public static async Task<FakeHubSpotServer> StartAsync(IEnumerable<(string Id, SyntheticImport Import)> imports, Action<FakeHubSpotOptions>? configure = null)
    {
        var options = new FakeHubSpotOptions();
        var day = 0;
        foreach (var (id, import) in imports)
        {
            var fake = FakeImport.FromSynthetic(id, import);
            fake.CreatedAt = FirstCreatedAt.AddDays(day++);
            options.AddImport(fake);
        }

        configure?.Invoke(options);
        return await FakeHubSpotServer.StartAsync(options);
    }

    public static Action<HubSpotSourceOptions> Options(FakeHubSpotServer server, Action<HubSpotSourceOptions>? configure = null) => o =>
    {
        o.BaseAddress = server.BaseAddress;
        o.AccessToken = HubSpotAccessToken.From(server.AccessToken);
        o.Limit = 100;
        o.BaseDelay = TimeSpan.FromMilliseconds(20);
        o.RequestsPerTenSeconds = 10_000;
        o.AttemptTimeout = TimeSpan.FromSeconds(5);
        configure?.Invoke(o);
    };

    /// <summary>The report of the imports' errors read from memory as consecutive inputs, in import order: the merge a combined report must equal.</summary>
    public static Task<ImportErrorReport> InMemoryAsync(IEnumerable<(string Id, SyntheticImport Import)> imports) =>
        AnalyzerRuns.Builder(imports.Select(i => (i.Id, i.Import.ToPageBytes(100), InputFormat.Pages))).Build().RunAsync();
}
