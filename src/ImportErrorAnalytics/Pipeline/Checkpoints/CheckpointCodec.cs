using System.Buffers;
using System.Text.Json;
using ImportErrorAnalytics.Aggregation;
using ImportErrorAnalytics.Sources.HubSpot;
using ImportErrorAnalytics.Escaping;

namespace ImportErrorAnalytics.Pipeline.Checkpoints;

/// <summary>
/// A run's position and merged aggregator states as the bytes an <see cref="ICheckpointStore"/> keeps: one JSON object
/// with the format version, the import and base address it belongs to, the cursor, the counters, the import's
/// description, which sensitive values the states may hold, and every aggregator's state. It holds no token.
/// </summary>
/// <remarks>
/// Version 2 redacts every value HubSpot does not class as <c>none</c> (unless <c>showStandardSensitivity</c>); a
/// version 1 checkpoint may hold values of <c>standard</c> sensitivity and is refused.
/// </remarks>
internal static class CheckpointCodec
{
    public const int Version = 2;

    public static void Write(
        IBufferWriter<byte> output, HubSpotErrorSource source, string? after, int nextPageIndex, RunCounters counters, IReadOnlyList<AggregatorSlot> slots, bool showStandardSensitivity)
    {
        using var writer = new Utf8JsonWriter(output);
        writer.WriteStartObject();
        writer.WriteNumber("version", Version);
        writer.WriteBoolean("showStandardSensitivity", showStandardSensitivity);
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

    /// <summary>Reads a checkpoint that <paramref name="name"/> held.</summary>
    /// <exception cref="CheckpointException">The bytes are unreadable, or belong to another import or other settings.</exception>
    public static Checkpoint Read(byte[] bytes, string name, HubSpotErrorSource source, IReadOnlyList<AggregatorSlot> prototypes, bool showStandardSensitivity)
    {
        try
        {
            using var json = JsonDocument.Parse(bytes);
            var root = json.RootElement;
            if (root.GetProperty("version").GetInt32() != Version)
            {
                throw new CheckpointException($"The checkpoint {UntrustedText.Quote(name)} has version {root.GetProperty("version").GetInt32()}; this version of iea reads version {Version}.");
            }

            var importId = root.GetProperty("importId").GetString();
            var baseAddress = root.GetProperty("baseAddress").GetString();
            if (importId != source.ImportId || baseAddress != source.BaseAddress.ToString())
            {
                throw new CheckpointException($"The checkpoint {UntrustedText.Quote(name)} belongs to import {UntrustedText.Quote(importId)} at {UntrustedText.Quote(baseAddress)}, not to import {UntrustedText.Quote(source.ImportId)} at {UntrustedText.Quote(source.BaseAddress.ToString())}.");
            }

            if (root.GetProperty("showStandardSensitivity").GetBoolean() != showStandardSensitivity)
            {
                throw new CheckpointException(
                    $"The checkpoint {UntrustedText.Quote(name)} was written {(showStandardSensitivity ? "without" : "with")} showStandardSensitivity (--show-standard-sensitivity); resume it with the same setting.");
            }

            var states = root.GetProperty("states");
            var slots = prototypes.Select(slot => states.TryGetProperty(slot.Aggregator.Name, out var state)
                ? slot.Restore(state)
                : throw new CheckpointException($"The checkpoint {UntrustedText.Quote(name)} has no state for the aggregator {UntrustedText.Quote(slot.Aggregator.Name)}; it was written with other aggregators.")).ToArray();
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
            throw new CheckpointException($"The checkpoint {UntrustedText.Quote(name)} is damaged or was written with other settings: {UntrustedText.OneLine(ex.Message)}", ex);
        }
    }
}

/// <summary>What a checkpoint holds.</summary>
internal sealed record Checkpoint(
    string? After, int NextPageIndex, bool Complete, long Pages, long Errors, long Bytes, HubSpotImport? Import, AggregatorSlot[] Slots);
