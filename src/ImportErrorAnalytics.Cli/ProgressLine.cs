using System.Globalization;
using ImportErrorAnalytics.Pipeline;

namespace ImportErrorAnalytics.Cli;

/// <summary>
/// A progress line on standard error (pages, errors, errors per second) for runs longer than a second: rewritten in
/// place on a terminal, a plain line every few seconds when standard error is redirected.
/// </summary>
internal sealed class ProgressLine(TextWriter stderr, bool interactive) : IProgress<AnalysisProgress>
{
    private TimeSpan _lastShown = TimeSpan.Zero;
    private bool _shown;

    public void Report(AnalysisProgress value)
    {
        var every = interactive ? TimeSpan.FromSeconds(0.25) : TimeSpan.FromSeconds(5);
        if (value.Elapsed < TimeSpan.FromSeconds(1) || value.Elapsed - _lastShown < every)
        {
            return;
        }

        _lastShown = value.Elapsed;
        var rate = value.Errors / Math.Max(value.Elapsed.TotalSeconds, 0.001);
        var line = string.Create(CultureInfo.InvariantCulture, $"iea: {value.Pages:N0} pages, {value.Errors:N0} errors, {rate:N0} errors/s, {value.Elapsed.TotalSeconds:F1} s");
        lock (stderr)
        {
            if (interactive)
            {
                stderr.Write("\r" + line.PadRight(72));
                _shown = true;
            }
            else
            {
                stderr.WriteLine(line);
            }
        }
    }

    /// <summary>Ends the in-place line so later messages start on a line of their own.</summary>
    public void Finish()
    {
        if (_shown)
        {
            lock (stderr)
            {
                stderr.WriteLine();
            }
        }
    }
}
