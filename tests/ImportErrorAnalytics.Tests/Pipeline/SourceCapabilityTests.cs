using ImportErrorAnalytics.Pipeline;
using ImportErrorAnalytics.Reporting;
using ImportErrorAnalytics.Sources.Capabilities;
using ImportErrorAnalytics.Tests.Support;

namespace ImportErrorAnalytics.Tests.Pipeline;

/// <summary>
/// The pipeline asks a source what it can do (<see cref="IImportSource"/>, <see cref="IResumableSource"/>), not whether
/// it is a HubSpot source: an import of another kind (<see cref="FakeResumableImport"/>) is checkpointed, resumed,
/// described in the report and run per import like a HubSpot one, and one source object read by several runs keeps
/// nothing from one to the next.
/// </summary>
public class SourceCapabilityTests
{
    private static ImportErrorAnalyzerBuilder Builder(params FakeResumableImport[] sources)
    {
        var builder = ImportErrorAnalyzer.CreateBuilder();
        foreach (var source in sources)
        {
            builder.AddSource(_ => source);
        }

        return builder;
    }

    [Fact]
    public async Task AResumableSourceOfAnotherKind_IsCheckpointed_AndAKilledRunResumesAfterItsLastSavedPage()
    {
        var pages = FakeResumableImport.Pages(5, 40);
        var uninterrupted = await Builder(new FakeResumableImport("77", pages)).Build().RunAsync();
        var source = new FakeResumableImport("77", pages) { FailBeforePage = 3 };
        var store = new MemoryCheckpointStore();

        await using (var first = Builder(source).WithCheckpointStore(store).Build())
        {
            await Assert.ThrowsAsync<IOException>(() => first.RunAsync());
        }

        await using var second = Builder(source).WithCheckpointStore(store).Build();
        var resumed = await second.RunAsync();

        Assert.Equal([ResumePoint.Beginning, new ResumePoint(FakeResumableImport.Cursor(3), 3)], source.Starts);
        Assert.Equal(3 + 2, store.Saves);
        Assert.Equal(JsonReport.ToJson(uninterrupted), JsonReport.ToJson(resumed));
        Assert.Equal(200, resumed.Totals.Errors);
    }

    [Fact]
    public async Task TheCheckpointOfOneImport_IsRefusedByAnotherImportsSource()
    {
        var store = new MemoryCheckpointStore();
        await using (var analyzer = Builder(new FakeResumableImport("77", FakeResumableImport.Pages(2, 5))).WithCheckpointStore(store).Build())
        {
            await analyzer.RunAsync();
        }

        await using var other = Builder(new FakeResumableImport("78", FakeResumableImport.Pages(2, 5))).WithCheckpointStore(store).Build();
        var refused = await Assert.ThrowsAsync<ImportErrorAnalytics.Pipeline.Checkpoints.CheckpointException>(() => other.RunAsync());

        Assert.Contains("belongs to import '77'", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheDescriptionASourceHandsOver_IsInTheReport_AndInEveryRunThatReadsTheSameSourceObject()
    {
        var source = new FakeResumableImport("77", FakeResumableImport.Pages(3, 10));
        await using var first = Builder(source).Build();
        await using var second = Builder(source).Build();

        var reports = await Task.WhenAll(first.RunAsync(), second.RunAsync(), first.RunAsync());

        foreach (var report in reports)
        {
            var described = Assert.Single(report.Sources);
            Assert.Equal(("77", "fake import", "DONE"), (described.ImportId, described.ImportName, described.State));
            Assert.Equal(JsonReport.ToJson(reports[0]), JsonReport.ToJson(report));
        }

        // No run but a checkpointed one asks to start later; none of these left a start behind for the next.
        Assert.All(source.Starts, start => Assert.Equal(ResumePoint.Beginning, start));
    }

    [Fact]
    public async Task ImportsOfAnotherKind_RunPerImport_WithRowsKeyedByTheirIds()
    {
        var a = new FakeResumableImport("10", FakeResumableImport.Pages(2, 30));
        var b = new FakeResumableImport("11", FakeResumableImport.Pages(3, 20));
        await using var analyzer = Builder(a, b).Build();

        var result = await analyzer.RunPerImportAsync();

        Assert.Equal(["10", "11"], result.Imports.Select(report => report.Sources[0].ImportId));
        Assert.Equal(120, result.Combined.Totals.Errors);
        Assert.Equal(["10", "11"], result.Combined.PerImport!.Totals.Select(row => row.ImportId));
    }

    [Fact]
    public void TwoSourcesOfOneImport_AndACheckpointOverASourceThatCannotResume_AreRefusedAtBuild()
    {
        var twice = Assert.Throws<ArgumentException>(() => Builder(new FakeResumableImport("5", []), new FakeResumableImport("5", [])).Build());
        var notResumable = Assert.Throws<ArgumentException>(() => ImportErrorAnalyzer.CreateBuilder()
            .AddStream("s", _ => ValueTask.FromResult<Stream>(new MemoryStream()))
            .WithCheckpointStore(new MemoryCheckpointStore())
            .Build());

        Assert.Contains("import 5 is added twice", twice.Message, StringComparison.Ordinal);
        Assert.Contains("A checkpoint needs exactly one input", notResumable.Message, StringComparison.Ordinal);
    }
}
