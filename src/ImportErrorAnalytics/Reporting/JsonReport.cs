using System.Text.Json;

namespace ImportErrorAnalytics.Reporting;

/// <summary>Writes and reads the JSON report (source-generated serialization, no reflection).</summary>
public static class JsonReport
{
    /// <summary>Writes <paramref name="report"/> as indented UTF-8 JSON.</summary>
    /// <param name="report">The report.</param>
    /// <param name="destination">Where to write; left open.</param>
    /// <param name="cancellationToken">Stops the write.</param>
    public static Task WriteAsync(ImportErrorReport report, Stream destination, CancellationToken cancellationToken = default) =>
        JsonSerializer.SerializeAsync(destination, report, ReportJsonContext.Default.ImportErrorReport, cancellationToken);

    /// <summary>The report as an indented JSON string.</summary>
    /// <param name="report">The report.</param>
    public static string ToJson(ImportErrorReport report) => JsonSerializer.Serialize(report, ReportJsonContext.Default.ImportErrorReport);
}
