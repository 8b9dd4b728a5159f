using System.Text.Json;
using ImportErrorAnalytics.Tests.Shared;
using ImportErrorAnalytics.Tests.Support;

namespace ImportErrorAnalytics.Tests.Cli;

/// <summary>
/// The README's walk-through of the loop after a failed import (report, fix, re-run, diff), word for word, with the
/// <c>iea</c> the README's install commands installed, in the same fresh copy of the repository: each command exits as
/// the README says, writes the files it names, and prints the lines the README shows.
/// </summary>
[Collection(PackingTests.Name)]
[Slow(SlowKind.Process)]
public class FixLoopWalkthroughTests(PackedPackages packed)
{
    private const string Heading = "## After a failed import: fix, re-run, compare";

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    private static IReadOnlyList<string> Commands => ReadmeText.Commands(Heading);

    [Fact]
    public void TheWalkthrough_ReportsTheSampleBeforeAndAfter_ThenDiffs()
    {
        Assert.Equal(3, Commands.Count);
        Assert.StartsWith("iea report --input samples/fix-loop/before ", Commands[0], StringComparison.Ordinal);
        Assert.Contains("--failed-rows failed-rows.csv", Commands[0], StringComparison.Ordinal);
        Assert.StartsWith("iea report --input samples/fix-loop/after ", Commands[1], StringComparison.Ordinal);
        Assert.StartsWith("iea diff before.json after.json ", Commands[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheWalkthrough_RunsAsWritten_AndPrintsWhatTheReadmeShows()
    {
        await packed.EnsureToolInstalledAsync();
        foreach (var file in new[] { "before.md", "before.json", "failed-rows.csv", "after.json" })
        {
            File.Delete(Path.Combine(packed.Repository, file));
        }

        var report = await packed.RunAsync(Commands[0], Timeout);
        var again = await packed.RunAsync(Commands[1], Timeout);
        var diff = await packed.RunAsync(Commands[2], Timeout);

        Assert.True(report.ExitCode == 0, report.Describe());
        Assert.True(again.ExitCode == 0, again.Describe());
        Assert.True(diff.ExitCode == 1, diff.Describe()); // the README: a new error type trips --fail-if-new-type

        Assert.Contains("## What to do", File.ReadAllText(Path.Combine(packed.Repository, "before.md")), StringComparison.Ordinal);
        using (var before = JsonDocument.Parse(File.ReadAllText(Path.Combine(packed.Repository, "before.json"))))
        {
            Assert.Equal(23, before.RootElement.GetProperty("totals").GetProperty("errors").GetInt64());
        }

        var csv = File.ReadAllText(Path.Combine(packed.Repository, "failed-rows.csv"));
        Assert.Contains("Lovelace", csv, StringComparison.Ordinal); // a failing row's cells
        Assert.Contains("INVALID_ENUMERATION_OPTION", csv, StringComparison.Ordinal);

        var printed = (diff.Stdout + diff.Stderr).ReplaceLineEndings("\n");
        foreach (var line in ReadmeText.Block(Heading, "text").Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            Assert.Contains(line, printed, StringComparison.Ordinal);
        }
    }
}
