using Microsoft.Extensions.Logging;
using ImportErrorAnalytics.Escaping;

namespace ImportErrorAnalytics.Cli;

/// <summary>
/// Warnings and errors from the library, as <c>iea: warning: ...</c> lines on standard error. The library passes text
/// from outside as <see cref="Untrusted"/> parameters, which format quoted and escaped; the whole line is escaped onto
/// one line again here (<see cref="UntrustedText.OneLine"/>), for parameters of any other logger source.
/// </summary>
internal sealed class StderrLoggerFactory(TextWriter stderr) : ILoggerFactory, ILogger
{
    public ILogger CreateLogger(string categoryName) => this;

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel))
        {
            lock (stderr)
            {
                ProgressLine.ClearFor(stderr);
                stderr.WriteLine($"iea: {(logLevel >= LogLevel.Error ? "error" : "warning")}: {UntrustedText.OneLine(formatter(state, exception))}");
            }
        }
    }

    public void Dispose()
    {
    }
}
