using Microsoft.Extensions.Logging;

namespace ImportErrorAnalytics.Cli;

/// <summary>Warnings and errors from the library, as <c>iea: warning: ...</c> lines on standard error.</summary>
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
                stderr.WriteLine($"iea: {(logLevel >= LogLevel.Error ? "error" : "warning")}: {formatter(state, exception)}");
            }
        }
    }

    public void Dispose()
    {
    }
}
