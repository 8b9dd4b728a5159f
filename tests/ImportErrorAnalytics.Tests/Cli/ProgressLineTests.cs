using ImportErrorAnalytics.Cli;
using ImportErrorAnalytics.Pipeline;

namespace ImportErrorAnalytics.Tests.Cli;

public class ProgressLineTests
{
    private static AnalysisProgress At(double seconds, long pages = 1) => new(pages, pages * 100, pages * 1000, TimeSpan.FromSeconds(seconds));

    [Theory]
    [InlineData(false)]
    [InlineData(true)] // interactive, but the writer is not the process's standard error: plain lines all the same
    public void AWriterThatIsNotTheTerminal_GetsAPlainLineEveryFiveSecondsAfterTheFirstSecond(bool interactive)
    {
        var stderr = new StringWriter();
        var progress = new ProgressLine(stderr, interactive);

        progress.Report(At(0.3));
        progress.Report(At(0.9));
        Assert.Empty(stderr.ToString());

        for (var t = 1.0; t <= 16; t += 0.25)
        {
            progress.Report(At(t, pages: (long)(t * 10)));
        }

        progress.Finish();
        progress.Report(At(30, pages: 300));

        var lines = stderr.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["iea: 50 pages, 5,000 errors, 1,000 errors/s, 5.0 s", "iea: 100 pages, 10,000 errors, 1,000 errors/s, 10.0 s", "iea: 150 pages, 15,000 errors, 1,000 errors/s, 15.0 s"], lines);
        Assert.DoesNotContain('\u001b', stderr.ToString());
    }

    [Fact]
    public void AShortRun_WritesNothing()
    {
        var stderr = new StringWriter();
        var progress = new ProgressLine(stderr, interactive: false);

        progress.Report(At(0.5));
        progress.Finish();

        Assert.Empty(stderr.ToString());
    }
}
