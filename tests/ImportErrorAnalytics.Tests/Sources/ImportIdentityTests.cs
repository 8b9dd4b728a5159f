using ImportErrorAnalytics.HubSpot;
using ImportErrorAnalytics.Escaping;
using ImportErrorAnalytics.Pipeline;
using ImportErrorAnalytics.Model;
using ImportErrorAnalytics.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ImportErrorAnalytics.Tests.Sources;

/// <summary>
/// The library's entry points that take an import id read it by its canonical spelling, refuse what is no import id
/// with an <see cref="ArgumentException"/> quoting it, and never read or count one import twice.
/// </summary>
public class ImportIdentityTests
{
    [Fact]
    public async Task AddHubSpotImports_ReadsEverySpellingOfAnImportOnce_AtThePlaceOfTheFirst()
    {
        var imports = FakeHubSpotImports.Imports(200, 300);
        await using var server = await FakeHubSpotImports.StartAsync(imports);

        var result = await ImportErrorAnalyzer.CreateBuilder()
            .AddHubSpotImports(["05002", "5001", "5002", "0005001"], FakeHubSpotImports.Options(server))
            .Build()
            .RunPerImportAsync();

        Assert.Equal(["5002", "5001"], result.Imports.Select(report => report.Sources[0].ImportId));
        Assert.Equal(["5002", "5001"], result.Combined.Sources.Select(source => source.ImportId));
        Assert.Equal(["5002", "5001"], result.Combined.PerImport!.Totals.Select(row => row.ImportId));
        Assert.Equal(500, result.Combined.Totals.Errors);
        Assert.All(server.Requests.Snapshot(), request => Assert.Contains(request.ImportId, new[] { "5001", "5002" }));
        Assert.Equal(2 + 3, server.Requests.ErrorsRequests().Count);
    }

    [Fact]
    public async Task AddHubSpotImport_ReadsAnIdWithLeadingZerosAsItsCanonicalId()
    {
        await using var server = await FakeHubSpotRuns.StartAsync(FakeHubSpotRuns.Import(300));

        var report = await FakeHubSpotRuns.Builder(server, o => o.ImportId = "00" + FakeHubSpotRuns.ImportId).Build().RunAsync();

        Assert.Equal(FakeHubSpotRuns.ImportId, Assert.Single(report.Sources).ImportId);
        Assert.All(server.Requests.Snapshot(), request => Assert.Equal(FakeHubSpotRuns.ImportId, request.ImportId));
    }

    [Fact]
    public async Task OneImportAddedTwiceInAnySpelling_IsRefusedAtBuild_BeforeAnyRequest()
    {
        await using var server = await FakeHubSpotRuns.StartAsync(FakeHubSpotRuns.Import(100));
        var builder = FakeHubSpotRuns.Builder(server);
        builder.AddHubSpotImport(o =>
        {
            FakeHubSpotImports.Options(server)(o);
            o.ImportId = "0" + FakeHubSpotRuns.ImportId;
        });

        var error = Assert.Throws<ArgumentException>(builder.Build);

        Assert.Contains($"HubSpot import {FakeHubSpotRuns.ImportId} is added twice", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, server.Requests.Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("5 ")]
    [InlineData("9223372036854775808")]
    [InlineData("\u001b[31m5")]
    public void EveryEntryPointThatTakesAnId_RefusesANonIdQuotingIt(string id)
    {
        var quoted = UntrustedText.Quote(id) + " is not a HubSpot import id";
        var services = new ServiceCollection().AddImportErrorAnalytics(o => o.AccessToken = HubSpotAccessToken.From("pat-na1-unused"));
        using var provider = services.BuildServiceProvider();

        var many = Assert.Throws<ArgumentException>(() => ImportErrorAnalyzer.CreateBuilder().AddHubSpotImports(["5001", id], o => { }));
        var one = Assert.Throws<ArgumentException>(() => ImportErrorAnalyzer.CreateBuilder()
            .AddHubSpotImport(o => (o.ImportId, o.AccessToken) = (id, HubSpotAccessToken.From("pat-na1-unused")))
            .Build());
        var factory = Assert.Throws<ArgumentException>(() => provider.GetRequiredService<IImportErrorAnalyzerFactory>().CreateBuilderForImport(id));

        Assert.Equal("importIds", many.ParamName);
        Assert.Equal(nameof(HubSpotSourceOptions.ImportId), one.ParamName);
        Assert.Equal("importId", factory.ParamName);
        Assert.All(new[] { many, one, factory }, error => Assert.Contains(quoted, error.Message, StringComparison.Ordinal));
    }
}
