using System.Text.Json;

namespace ImportErrorAnalytics.Reporting;

/// <summary>Writes and reads the JSON report (source-generated serialization, no reflection).</summary>
public static class JsonReport
{
    /// <summary>
    /// Writes <paramref name="report"/> as indented UTF-8 JSON: the bytes of <see cref="ToJson"/>. The JSON is built in
    /// memory (the report's size), then written with one asynchronous write.
    /// </summary>
    /// <param name="report">The report.</param>
    /// <param name="destination">Where to write; left open.</param>
    /// <param name="cancellationToken">Stops the write.</param>
    public static async Task WriteAsync(ImportErrorReport report, Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        await destination.WriteAsync(ToUtf8Bytes(report), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The report as an indented JSON string.</summary>
    /// <param name="report">The report.</param>
    public static string ToJson(ImportErrorReport report) => JsonSerializer.Serialize(report, ReportJsonContext.Default.ImportErrorReport);

    /// <summary>The report as indented UTF-8 JSON: what <see cref="ToJson"/> gives, without the string in between.</summary>
    internal static byte[] ToUtf8Bytes(ImportErrorReport report) => JsonSerializer.SerializeToUtf8Bytes(report, ReportJsonContext.Default.ImportErrorReport);
}
