using System.Text.Json;
using ImportErrorAnalytics.Aggregation;
using ImportErrorAnalytics.Sources.HubSpot;

namespace ImportErrorAnalytics.Pipeline.Checkpoints;

/// <summary>
/// A run's position and merged aggregator states, saved after each committed page: written to a temporary file,
/// flushed, then renamed over the checkpoint, so the file on disk is always a whole, consistent checkpoint.
/// It holds no token.
/// </summary>
internal sealed class CheckpointFile(string path)
{
    public const int Version = 1;

    public string Path { get; } = System.IO.Path.GetFullPath(path);

    public void Save(HubSpotErrorSource source, string? after, int nextPageIndex, RunCounters counters, IReadOnlyList<AggregatorSlot> slots)
    {
        var temporary = Path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024))
        {
            using (var writer = new Utf8JsonWriter(stream))
            {
                writer.WriteStartObject();
                writer.WriteNumber("version", Version);
                writer.WriteString("importId", source.ImportId);
                writer.WriteString("baseAddress", source.BaseAddress.ToString());
                writer.WriteString("after", after);
                writer.WriteNumber("nextPageIndex", nextPageIndex);
                writer.WriteBoolean("complete", after is null);
                writer.WriteStartObject("counters");
                writer.WriteNumber("pages", counters.Pages);
                writer.WriteNumber("errors", counters.Errors);
                writer.WriteNumber("bytes", counters.Bytes);
                writer.WriteEndObject();
                if (source.Import is { } import)
                {
                    writer.WritePropertyName("import");
                    JsonSerializer.Serialize(writer, import, CheckpointJsonContext.Default.HubSpotImport);
                }

                writer.WriteStartObject("states");
                foreach (var slot in slots)
                {
                    writer.WritePropertyName(slot.Aggregator.Name);
                    slot.WriteState(writer);
                }

                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, Path, overwrite: true);
    }

    /// <summary>Reads the checkpoint, or returns <see langword="null"/> when there is none yet.</summary>
    /// <exception cref="CheckpointException">The file is unreadable, or belongs to another import or other settings.</exception>
    public Checkpoint? Load(HubSpotErrorSource source, IReadOnlyList<AggregatorSlot> prototypes)
    {
        if (!File.Exists(Path))
        {
            return null;
        }

        try
        {
            using var json = JsonDocument.Parse(File.ReadAllBytes(Path));
            var root = json.RootElement;
            if (root.GetProperty("version").GetInt32() != Version)
            {
                throw new CheckpointException($"The checkpoint '{Path}' has version {root.GetProperty("version").GetInt32()}; this version of iea reads version {Version}.");
            }

            var importId = root.GetProperty("importId").GetString();
            var baseAddress = root.GetProperty("baseAddress").GetString();
            if (importId != source.ImportId || baseAddress != source.BaseAddress.ToString())
            {
                throw new CheckpointException($"The checkpoint '{Path}' belongs to import {importId} at {baseAddress}, not to import {source.ImportId} at {source.BaseAddress}.");
            }

            var states = root.GetProperty("states");
            var slots = prototypes.Select(slot => states.TryGetProperty(slot.Aggregator.Name, out var state)
                ? slot.Restore(state)
                : throw new CheckpointException($"The checkpoint '{Path}' has no state for the aggregator '{slot.Aggregator.Name}'; it was written with other aggregators.")).ToArray();
            var counters = root.GetProperty("counters");
            return new Checkpoint(
                root.GetProperty("after").GetString(),
                root.GetProperty("nextPageIndex").GetInt32(),
                root.GetProperty("complete").GetBoolean(),
                counters.GetProperty("pages").GetInt64(),
                counters.GetProperty("errors").GetInt64(),
                counters.GetProperty("bytes").GetInt64(),
                root.TryGetProperty("import", out var import) ? import.Deserialize(CheckpointJsonContext.Default.HubSpotImport) : null,
                slots);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new CheckpointException($"The checkpoint '{Path}' is damaged or was written with other settings: {ex.Message}", ex);
        }
    }
}

/// <summary>What a checkpoint holds.</summary>
internal sealed record Checkpoint(
    string? After, int NextPageIndex, bool Complete, long Pages, long Errors, long Bytes, HubSpotImport? Import, AggregatorSlot[] Slots);
