using System.Buffers;
using System.Text.Json;

namespace ImportErrorAnalytics.Snapshots;

/// <summary>Writes a snapshot's payload: one JSON object, compact, ending with a newline (the layout is in docs/snapshots.md).</summary>
internal static class SnapshotPayloadWriter
{
    public static byte[] Write(ReportSnapshot snapshot)
    {
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            WriteRuns(writer, snapshot.Runs);
            snapshot.Settings.Write(writer);
            writer.WriteStartObject("counters");
            writer.WriteNumber("inputs", snapshot.Counters.Inputs);
            writer.WriteNumber("pages", snapshot.Counters.Pages);
            writer.WriteNumber("errors", snapshot.Counters.Errors);
            writer.WriteNumber("bytes", snapshot.Counters.Bytes);
            writer.WriteEndObject();
            writer.WriteStartArray("skipped");
            foreach (var skipped in snapshot.Skipped)
            {
                JsonSerializer.Serialize(writer, skipped, SnapshotJsonContext.Default.SkippedInput);
            }

            writer.WriteEndArray();
            writer.WriteStartArray("imports");
            foreach (var import in snapshot.Imports)
            {
                JsonSerializer.Serialize(writer, import, SnapshotJsonContext.Default.HubSpotImport);
            }

            writer.WriteEndArray();
            writer.WriteStartObject("aggregators");
            foreach (var slot in snapshot.Slots)
            {
                writer.WriteStartObject(slot.Aggregator.Name);
                writer.WriteNumber("stateVersion", slot.StateVersion);
                writer.WritePropertyName("state");
                slot.WriteState(writer);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        buffer.Write("\n"u8);
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteRuns(Utf8JsonWriter writer, IReadOnlyList<SnapshotRun> runs)
    {
        writer.WriteStartArray("runs");
        foreach (var run in runs)
        {
            writer.WriteStartObject();
            writer.WriteString("id", run.Id);
            writer.WriteStartArray("inputs");
            foreach (var input in run.Inputs)
            {
                writer.WriteStartObject();
                writer.WriteString("name", input.Name);
                writer.WriteNumber("errors", input.Errors);
                if (input.Fingerprint is { } fingerprint)
                {
                    writer.WriteNumber("bytes", fingerprint.Bytes);
                    writer.WriteString("xxh128", fingerprint.HashText);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }
}
