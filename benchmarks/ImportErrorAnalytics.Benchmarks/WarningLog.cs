using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace ImportErrorAnalytics.Benchmarks;

/// <summary>The library's warnings (retries, waits) on standard error with the seconds since the program started, and counted.</summary>
internal sealed class WarningLog : ILoggerFactory, ILogger
{
    private static readonly Stopwatch Clock = Stopwatch.StartNew();
    private int _warnings;

    public int Warnings => Volatile.Read(ref _warnings);

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
            Interlocked.Increment(ref _warnings);
            Console.Error.WriteLine($"  [{Clock.Elapsed.TotalSeconds,7:F1} s] {logLevel}: {formatter(state, exception)}");
        }
    }

    public void Dispose()
    {
    }
}
