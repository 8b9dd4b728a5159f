using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

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

    /// <summary>
    /// Writes the bytes of <see cref="ToUtf8Bytes"/> to <paramref name="destination"/> synchronously, in chunks of
    /// <paramref name="chunkBytes"/>: memory stays at one chunk however large the report (a million errors' line
    /// clusters make a report of megabytes).
    /// </summary>
    internal static void WriteTo(ImportErrorReport report, Stream destination, int chunkBytes = ChunkedBufferWriter.DefaultChunkBytes)
    {
        using var chunks = ChunkedBufferWriter.To(destination, chunkBytes);
        Serialize(report, chunks);
    }

    /// <summary>Writes the text of <see cref="ToJson"/> to <paramref name="destination"/> in chunks, as <see cref="WriteTo(ImportErrorReport, Stream, int)"/> does.</summary>
    internal static void WriteTo(ImportErrorReport report, TextWriter destination, int chunkBytes = ChunkedBufferWriter.DefaultChunkBytes)
    {
        using var chunks = ChunkedBufferWriter.To(destination, chunkBytes);
        Serialize(report, chunks);
    }

    private static void Serialize(ImportErrorReport report, ChunkedBufferWriter chunks)
    {
        JsonTypeInfo<ImportErrorReport> contract = ReportJsonContext.Default.ImportErrorReport;
        var options = contract.Options;
        using (var writer = new Utf8JsonWriter(chunks, new JsonWriterOptions
        {
            Encoder = options.Encoder,
            Indented = options.WriteIndented,
            IndentCharacter = options.IndentCharacter,
            IndentSize = options.IndentSize,
            NewLine = options.NewLine,
            MaxDepth = options.MaxDepth,
        }))
        {
            JsonSerializer.Serialize(writer, report, contract);
        }

        chunks.Flush();
    }

    /// <summary>The report as indented UTF-8 JSON: what <see cref="ToJson"/> gives, without the string in between.</summary>
    internal static byte[] ToUtf8Bytes(ImportErrorReport report) => JsonSerializer.SerializeToUtf8Bytes(report, ReportJsonContext.Default.ImportErrorReport);
}
