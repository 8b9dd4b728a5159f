using System.Text.Json;
using ImportErrorAnalytics.Tests.Shared;
using ImportErrorAnalytics.Tests.Support;

namespace ImportErrorAnalytics.Tests.Cli;

/// <summary>
/// The README's "First two commands", as a newcomer types them: the first (<c>iea demo</c> through <c>dotnet run</c>)
/// runs word for word through the shell in the same fresh copy of the repository the install commands use, and the
/// second is the command <c>.ci/run</c> runs, so CI runs it word for word too. The saved-pages command after them runs
/// the same way.
/// </summary>
[Collection(PackingTests.Name)]
[Slow(SlowKind.Process)]
public class FirstCommandsTests(PackedPackages packed)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    private static IReadOnlyList<string> Commands => ReadmeText.Commands("## First two commands");

    [Fact]
    public void TheReadme_GivesTwoCommands_AndCiRunsTheSecond()
    {
        Assert.Equal(2, Commands.Count);
        Assert.StartsWith("dotnet run --project src/ImportErrorAnalytics.Cli -- demo", Commands[0], StringComparison.Ordinal);
        Assert.Equal("dotnet test ImportErrorAnalytics.sln", Commands[1]);

        var ci = File.ReadAllLines(Path.Combine(SamplePaths.RepositoryRoot, ".ci", "run"));
        Assert.Contains(ci, line => line.Trim().StartsWith(Commands[1] + " ", StringComparison.Ordinal) || line.Trim() == Commands[1]);
    }

    [Fact]
    public async Task TheFirstCommand_RunsTheDemo_AndPrintsTheReport()
    {
        var run = await packed.RunAsync(Commands[0], Timeout);

        Assert.True(run.ExitCode == 0, run.Describe());
        using var report = JsonDocument.Parse(run.Stdout);
        Assert.True(report.RootElement.GetProperty("complete").GetBoolean(), run.Describe());
        Assert.Equal(60_000, report.RootElement.GetProperty("totals").GetProperty("errors").GetInt64());
        Assert.Contains("the fake HubSpot answered", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSavedPagesCommand_ReportsTheCommittedSample()
    {
        var readme = ReadmeText.Text;
        const string Start = "`dotnet run --project src/ImportErrorAnalytics.Cli -- report --input samples/";
        var at = readme.IndexOf(Start, StringComparison.Ordinal);
        Assert.True(at >= 0, "The README has no saved-pages command.");
        var command = readme[(at + 1)..readme.IndexOf('`', at + 1)];

        var run = await packed.RunAsync(command, Timeout);

        Assert.True(run.ExitCode == 0, run.Describe());
        using var report = JsonDocument.Parse(run.Stdout);
        Assert.Equal(600, report.RootElement.GetProperty("totals").GetProperty("errors").GetInt64());
        Assert.Equal(6, report.RootElement.GetProperty("totals").GetProperty("pages").GetInt64());
    }
}
