using System.Diagnostics;
using System.Globalization;
using ImportErrorAnalytics.Pipeline;
using Spectre.Console;

namespace ImportErrorAnalytics.Cli;

/// <summary>
/// Progress on standard error (pages, errors, errors per second) for runs longer than a second. On an interactive
/// terminal (interactive, the writer is the real <see cref="Console.Error"/>, and the terminal understands ANSI) a
/// live status line drawn with Spectre.Console and rewritten in place; otherwise (redirected, under CI, a dumb
/// terminal, a test's writer) a plain line on the given writer every five seconds.
/// </summary>
/// <remarks>
/// The status line is drawn when the analyzer reports and every 250 ms in between, always under <c>lock (stderr)</c>,
/// the lock <see cref="StderrLoggerFactory"/> also takes: nothing draws outside it, so nothing races other writes. A message written while the line is shown goes through <see cref="ClearFor"/> first, so it replaces
/// the line instead of being glued to its end. Any failure to draw turns the line into plain lines; progress never
/// fails a run.
/// </remarks>
internal sealed class ProgressLine : IProgress<AnalysisProgress>
{
    private static readonly TimeSpan QuietStart = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan PlainEvery = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan TickEvery = TimeSpan.FromMilliseconds(250);

    /// <summary>The line currently on screen, if any (only ever one: it is drawn on the process's standard error).</summary>
    private static ProgressLine? _onScreen;

    private readonly TextWriter _stderr;
    private LiveStatus? _live;
    private Timer? _ticker;
    private AnalysisProgress _last;
    private long _lastAt;
    private TimeSpan _lastShown = TimeSpan.Zero;
    private bool _finished;

    /// <param name="stderr">Where the plain lines go (and the lock shared with other writers of standard error).</param>
    /// <param name="interactive">Standard error is a terminal a person watches: not redirected, not under CI.</param>
    public ProgressLine(TextWriter stderr, bool interactive)
    {
        _stderr = stderr;
        _live = interactive && ReferenceEquals(OneLineWriter.Unwrap(stderr), Console.Error) ? LiveStatus.TryCreate() : null;
    }

    public void Report(AnalysisProgress value)
    {
        lock (_stderr)
        {
            if (_finished || value.Elapsed < QuietStart)
            {
                return;
            }

            if (_live is not null)
            {
                _last = value;
                _lastAt = Stopwatch.GetTimestamp();
                Draw(value);

                // Pages stop arriving while a rate-limit wait or a retry runs: the ticker keeps the spinner and the
                // elapsed time moving so the line does not look hung.
                _ticker ??= new Timer(_ => Tick(), null, TickEvery, TickEvery);
                return;
            }

            if (value.Elapsed - _lastShown >= PlainEvery)
            {
                _lastShown = value.Elapsed;
                _stderr.WriteLine("iea: " + Describe(value));
            }
        }
    }

    /// <summary>Ends the live line (it stays on screen) so later messages start on a line of their own.</summary>
    public void Finish()
    {
        lock (_stderr)
        {
            _finished = true;
            _ticker?.Dispose();
            if (ReferenceEquals(_onScreen, this))
            {
                _onScreen = null;
                _live?.End();
            }
        }
    }

    /// <summary>
    /// Called under <c>lock (writer)</c> before a message is written to <paramref name="writer"/>: erases the live
    /// status line if one is shown there, so the message takes its place; the line is drawn again below it.
    /// </summary>
    public static void ClearFor(TextWriter writer)
    {
        if (_onScreen is { } shown && ReferenceEquals(shown._stderr, writer) && shown._live is { } live)
        {
            live.Erase();
        }
    }

    private void Tick()
    {
        lock (_stderr)
        {
            if (!_finished && _live is not null)
            {
                Draw(_last with { Elapsed = _last.Elapsed + Stopwatch.GetElapsedTime(_lastAt) });
            }
        }
    }

    /// <summary>Draws the live line; if the terminal refuses, falls back to plain lines for the rest of the run.</summary>
    private void Draw(AnalysisProgress value)
    {
        if (_live!.TryDraw(value))
        {
            _onScreen = this;
            return;
        }

        _live = null;
        _onScreen = null;
        _ticker?.Dispose();
    }

    internal static string Describe(AnalysisProgress value)
    {
        var rate = value.Errors / Math.Max(value.Elapsed.TotalSeconds, 0.001);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{value.Pages:N0} pages, {value.Errors:N0} errors, {rate:N0} errors/s, {value.Elapsed.TotalSeconds:F1} s");
    }

    /// <summary>The Spectre.Console side: a console on standard error and one line redrawn in place.</summary>
    private sealed class LiveStatus
    {
        private readonly IAnsiConsole _console;
        private readonly Spinner _spinner;
        private int _frame;
        private bool _drawn;

        private LiveStatus(IAnsiConsole console)
        {
            _console = console;
            _spinner = console.Profile.Capabilities.Unicode ? Spinner.Known.Dots : Spinner.Known.Line;
        }

        public static LiveStatus? TryCreate()
        {
            try
            {
                var console = AnsiConsole.Create(new AnsiConsoleSettings
                {
                    Out = new AnsiConsoleOutput(Console.Error),
                    Ansi = AnsiSupport.Detect,
                    ColorSystem = ColorSystemSupport.Detect,
                    Interactive = InteractionSupport.Detect,
                });

                // Redrawing a line needs cursor control; without ANSI (a dumb terminal) plain lines are the honest choice.
                return console.Profile.Capabilities.Ansi && console.Profile.Out.IsTerminal ? new LiveStatus(console) : null;
            }
            catch (Exception ex) when (IsTerminalTrouble(ex))
            {
                return null;
            }
        }

        public bool TryDraw(AnalysisProgress value)
        {
            try
            {
                var frames = _spinner.Frames;
                var frame = frames[_frame++ % frames.Count];
                var text = "iea: " + Describe(value);
                var room = Math.Max(_console.Profile.Width - frame.Length - 2, 8);
                if (text.Length > room)
                {
                    text = text[..room];
                }

                _console.WriteAnsi(w => w.CursorHorizontalAbsolute(1).EraseInLine(2));
                _console.Write(new Text(frame + " ", new Style(Color.Aqua)));
                _console.Write(new Text(text));
                _drawn = true;
                return true;
            }
            catch (Exception ex) when (IsTerminalTrouble(ex))
            {
                return false;
            }
        }

        public void Erase()
        {
            if (_drawn)
            {
                try
                {
                    _console.WriteAnsi(w => w.CursorHorizontalAbsolute(1).EraseInLine(2));
                }
                catch (Exception ex) when (IsTerminalTrouble(ex))
                {
                }

                _drawn = false;
            }
        }

        public void End()
        {
            if (_drawn)
            {
                try
                {
                    _console.WriteLine();
                }
                catch (Exception ex) when (IsTerminalTrouble(ex))
                {
                }

                _drawn = false;
            }
        }

        private static bool IsTerminalTrouble(Exception ex) =>
            ex is IOException or InvalidOperationException or ArgumentException or NotSupportedException or UnauthorizedAccessException;
    }
}
