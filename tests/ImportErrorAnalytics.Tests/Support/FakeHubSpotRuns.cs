using ImportErrorAnalytics.Parsing;
using ImportErrorAnalytics.Pipeline;
using ImportErrorAnalytics.Reporting;
using ImportErrorAnalytics.HubSpot;
using ImportErrorAnalytics.Model;
using ImportErrorAnalytics.Testing;
using ImportErrorAnalytics.Testing.FakeHubSpot;

namespace ImportErrorAnalytics.Tests.Support;

/// <summary>A fake HubSpot with one synthetic import, and the report the same errors give when read from memory.</summary>
internal static class FakeHubSpotRuns
{
    public const string ImportId = "184448894";

    public static SyntheticImport Import(int errors = 3_000) =>
        new(new SyntheticImportOptions { Seed = 11, Errors = errors, DistinctValuesPerColumn = 400, Files = 2 });

    public static async Task<FakeHubSpotServer> StartAsync(SyntheticImport import, Action<FakeHubSpotOptions>? configure = null, string state = "DONE")
    {
        var fake = FakeImport.FromSynthetic(ImportId, import);
        fake.State = state;
        fake.Counters["TOTAL_ROWS"] = import.Options.Errors * 2;
        var options = new FakeHubSpotOptions();
        options.AddImport(fake);
        configure?.Invoke(options);
        return await FakeHubSpotServer.StartAsync(options);
    }

    public static ImportErrorAnalyzerBuilder Builder(FakeHubSpotServer server, Action<HubSpotSourceOptions>? configure = null, string? token = null) =>
        ImportErrorAnalyzer.CreateBuilder().AddHubSpotImport(o =>
        {
            o.ImportId = ImportId;
            o.BaseAddress = server.BaseAddress;
            o.AccessToken = HubSpotAccessToken.From(token ?? server.AccessToken);
            o.Limit = 100;
            o.BaseDelay = TimeSpan.FromMilliseconds(20);
            o.RequestsPerTenSeconds = 10_000;
            o.AttemptTimeout = TimeSpan.FromSeconds(5);
            configure?.Invoke(o);
        });

    public static Task<ImportErrorReport> InMemoryAsync(SyntheticImport import, int pageSize = 100) =>
        AnalyzerRuns.Builder([("memory", import.ToPageBytes(pageSize), InputFormat.Pages)]).Build().RunAsync();

    /// <summary>Everything the errors decide (not the bytes, which depend on formatting).</summary>
    public static void AssertSameCounts(ImportErrorReport expected, ImportErrorReport actual)
    {
        Assert.Equal(expected.Totals.Errors, actual.Totals.Errors);
        Assert.Equal(expected.Totals.Pages, actual.Totals.Pages);
        Assert.Equal(expected.Totals.RedactedValues, actual.Totals.RedactedValues);
        Json.Equal(expected.ErrorTypes, actual.ErrorTypes);
        Json.Equal(expected.Columns, actual.Columns);
        Json.Equal(expected.ObjectTypes, actual.ObjectTypes);
        Json.Equal(expected.TopInvalidValues, actual.TopInvalidValues);
        Json.Equal(expected.LineClusters, actual.LineClusters);
    }
}
