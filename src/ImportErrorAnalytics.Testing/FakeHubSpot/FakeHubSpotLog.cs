using Microsoft.Extensions.Logging;

namespace ImportErrorAnalytics.Testing.FakeHubSpot;

/// <summary>The server's own log lines (through <see cref="FakeHubSpotOptions.LoggerFactory"/>; silent without one).</summary>
internal static partial class FakeHubSpotLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "#{Number} {Method} {Path}{Query} -> {StatusCode} {Fault}")]
    public static partial void Request(ILogger logger, long number, string method, string path, string query, int statusCode, string fault);

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "#{Number} {Path} failed inside the fake server")]
    public static partial void Failed(ILogger logger, Exception exception, long number, string path);
}
