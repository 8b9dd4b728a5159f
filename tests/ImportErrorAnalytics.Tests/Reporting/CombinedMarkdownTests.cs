using ImportErrorAnalytics.HubSpot;
using ImportErrorAnalytics.Pipeline;
using ImportErrorAnalytics.Reporting;
using ImportErrorAnalytics.Reporting.Markdown;
using ImportErrorAnalytics.Testing.FakeHubSpot;
using ImportErrorAnalytics.Tests.Support;
using Markdig;

namespace ImportErrorAnalytics.Tests.Reporting;

/// <summary>The combined report's Imports section: import names and states come from HubSpot and are untrusted.</summary>
public class CombinedMarkdownTests
{
    [Fact]
    public async Task ImportsSection_ListsEveryImportAndKeepsHostileNamesInert()
    {
        var imports = FakeHubSpotImports.Imports(300, 200);
        await using var server = await FakeHubSpotImports.StartAsync(imports, o =>
        {
            o.Imports[0].ImportName = "contacts | <script>alert(1)</script> `x`";
            o.Imports[1].State = "DONE\n# heading [link](http://evil.example)";
        });
        var result = await ImportErrorAnalyzer.CreateBuilder()
            .AddHubSpotImports(imports.Select(i => i.Id), FakeHubSpotImports.Options(server))
            .Build()
            .RunPerImportAsync();

        var markdown = MarkdownReport.Render(result.Combined);

        Assert.StartsWith("# Import errors: 2 imports", markdown, StringComparison.Ordinal);
        Assert.Contains("## Imports", markdown, StringComparison.Ordinal);
        Assert.Contains("### Error types per import", markdown, StringComparison.Ordinal);
        foreach (var table in MarkdownSafetyProperties.Tables(markdown))
        {
            var columns = MarkdownSafetyProperties.Cells(table[0]);
            Assert.All(table, row => Assert.Equal(columns, MarkdownSafetyProperties.Cells(row)));
        }

        var html = MarkdownSafetyProperties.WithoutOwnLinks(Markdown.ToHtml(markdown, new MarkdownPipelineBuilder().UseAdvancedExtensions().Build()));
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<a ", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<h1 id=\"heading", html, StringComparison.OrdinalIgnoreCase);
        var typesPerImport = markdown[markdown.IndexOf("### Error types per import", StringComparison.Ordinal)..];
        Assert.All(imports, i => Assert.Contains($"`{i.Id}`", typesPerImport, StringComparison.Ordinal));
    }

    /// <summary>A report built by hand may list one import twice; the Imports section shows its first source, it does not throw.</summary>
    [Fact]
    public async Task ImportsSection_OfAReportListingAnImportTwice_ShowsItsFirstSource()
    {
        var imports = FakeHubSpotImports.Imports(100);
        await using var server = await FakeHubSpotImports.StartAsync(imports);
        var combined = (await ImportErrorAnalyzer.CreateBuilder()
            .AddHubSpotImports(imports.Select(i => i.Id), FakeHubSpotImports.Options(server))
            .Build()
            .RunPerImportAsync()).Combined;
        var twice = new ImportErrorReport
        {
            Sources = [combined.Sources[0], combined.Sources[0]],
            Totals = combined.Totals,
            Settings = combined.Settings,
            ErrorTypes = combined.ErrorTypes,
            Columns = combined.Columns,
            ObjectTypes = combined.ObjectTypes,
            TopInvalidValues = combined.TopInvalidValues,
            LineClusters = combined.LineClusters,
            Skipped = combined.Skipped,
            Custom = combined.Custom,
            PerImport = combined.PerImport,
        };

        var markdown = MarkdownReport.Render(twice);

        Assert.Contains($"| `{imports[0].Id}` | `Import {imports[0].Id}` |", markdown, StringComparison.Ordinal);
    }
}
