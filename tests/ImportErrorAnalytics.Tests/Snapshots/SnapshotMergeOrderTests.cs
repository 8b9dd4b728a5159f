using ImportErrorAnalytics.HubSpot;
using ImportErrorAnalytics.Pipeline;
using ImportErrorAnalytics.Reporting;
using ImportErrorAnalytics.Snapshots;
using ImportErrorAnalytics.Tests.Support;

namespace ImportErrorAnalytics.Tests.Snapshots;

/// <summary>
/// A merge lists the HubSpot imports of its pieces in an order of its own: merging merges (as an account roll-up does
/// when its imports complete one after another) gives the report of merging every piece at once.
/// </summary>
public sealed class SnapshotMergeOrderTests
{
    [Fact]
    public async Task MergingMergesOfHubSpotImports_InAnyGrouping_GivesTheReportOfMergingThemAllAtOnce()
    {
        var imports = FakeHubSpotImports.Imports(120, 80, 150);
        await using var server = await FakeHubSpotImports.StartAsync(imports);
        var pieces = new List<ReportSnapshot>();
        foreach (var (id, _) in imports)
        {
            pieces.Add(await ImportErrorAnalyzer.CreateBuilder()
                .AddHubSpotImport(FakeHubSpotImports.Options(server, o => o.ImportId = id))
                .Build()
                .RunToSnapshotAsync());
        }

        var atOnce = JsonReport.ToJson(ReportSnapshot.Merge(pieces).CreateReport());
        foreach (var (first, second, third) in new[] { (0, 2, 1), (1, 2, 0), (0, 1, 2) })
        {
            var nested = ReportSnapshot.Merge([ReportSnapshot.Merge([pieces[first], pieces[second]]), pieces[third]]);
            Assert.Equal(atOnce, JsonReport.ToJson(nested.CreateReport()));
        }
    }
}
