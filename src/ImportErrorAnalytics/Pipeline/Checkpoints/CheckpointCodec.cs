using System.Buffers;
using System.Text.Json;
using ImportErrorAnalytics.Aggregation;
using ImportErrorAnalytics.Aggregation.BuiltIn;
using ImportErrorAnalytics.Model;
using ImportErrorAnalytics.Sources.Capabilities;
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
        IBufferWriter<byte> output, IResumableSource source, HubSpotImport? import, string? after, int nextPageIndex, RunCounters counters, IReadOnlyList<AggregatorSlot> slots, bool showStandardSensitivity)
    {
        using var writer = new Utf8JsonWriter(output);
        writer.WriteStartObject();
        writer.WriteNumber("version", Version);
        writer.WriteBoolean("showStandardSensitivity", showStandardSensitivity);
        writer.WriteString("importId", source.ImportId);
        writer.WriteString("baseAddress", source.Location);
        writer.WriteString("after", after);
        writer.WriteNumber("nextPageIndex", nextPageIndex);
        writer.WriteBoolean("complete", after is null);
        writer.WriteStartObject("counters");
        writer.WriteNumber("pages", counters.Pages);
        writer.WriteNumber("errors", counters.Errors);
        writer.WriteNumber("bytes", counters.Bytes);
        writer.WriteEndObject();
        if (import is not null)
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
    /// <param name="bytes">The checkpoint.</param>
    /// <param name="name">Names it in messages.</param>
    /// <param name="source">The import the run reads (its id and location must be the checkpoint's).</param>
    /// <param name="prototypes">The run's aggregators, built-ins first.</param>
    /// <param name="clusterGap">The run's cluster gap.</param>
    /// <param name="showStandardSensitivity">Whether the run shows values of <c>standard</c> sensitivity.</param>
    /// <exception cref="CheckpointException">
    /// The bytes are unreadable, of another shape, inconsistent (counters that disagree with the states, states that
    /// disagree with each other, a cursor that disagrees with <c>complete</c>, an import id not in its canonical spelling
    /// or a description of another import), or belong to another import or settings.
    /// </exception>
    public static Checkpoint Read(byte[] bytes, string name, IResumableSource source, IReadOnlyList<AggregatorSlot> prototypes, int clusterGap, bool showStandardSensitivity)
    {
        try
        {
            using var json = JsonDocument.Parse(bytes);
            var root = json.RootElement;
            var version = Long(root, "version", long.MinValue);
            if (version != Version)
            {
                throw new CheckpointException($"The checkpoint {UntrustedText.Quote(name)} has version {version}; this version of iea reads version {Version}.");
            }

            var importId = Text(root, "importId");
            var baseAddress = Text(root, "baseAddress");
            if (!HubSpotImportIds.IsCanonical(importId))
            {
                // Written by iea, it holds the id HubSpot was asked with, in its one spelling: anything else is damage.
                throw new FormatException($"its 'importId' is {HubSpotImport.NotCanonical(importId)}");
            }

            if (importId != source.ImportId || baseAddress != source.Location)
            {
                throw new CheckpointException($"The checkpoint {UntrustedText.Quote(name)} belongs to import {UntrustedText.Quote(importId)} at {UntrustedText.Quote(baseAddress)}, not to import {UntrustedText.Quote(source.ImportId)} at {UntrustedText.Quote(source.Location)}.");
            }

            if (Property(root, "showStandardSensitivity", JsonValueKind.True, JsonValueKind.False).GetBoolean() != showStandardSensitivity)
            {
                throw new CheckpointException(
                    $"The checkpoint {UntrustedText.Quote(name)} was written {(showStandardSensitivity ? "without" : "with")} showStandardSensitivity (--show-standard-sensitivity); resume it with the same setting.");
            }

            var states = Property(root, "states", JsonValueKind.Object);
            var slots = prototypes.Select(slot => states.TryGetProperty(slot.Aggregator.Name, out var state)
                ? Restore(slot, state)
                : throw new CheckpointException($"The checkpoint {UntrustedText.Quote(name)} has no state for the aggregator {UntrustedText.Quote(slot.Aggregator.Name)}; it was written with other aggregators.")).ToArray();
            var counters = Property(root, "counters", JsonValueKind.Object);
            var after = Property(root, "after", JsonValueKind.Null, JsonValueKind.String).GetString();
            var complete = Property(root, "complete", JsonValueKind.True, JsonValueKind.False).GetBoolean();
            var nextPageIndex = (int)Long(root, "nextPageIndex", 0, int.MaxValue);
            var (pages, errors, bytesRead) = (Long(counters, "pages"), Long(counters, "errors"), Long(counters, "bytes"));
            if (complete != after is null)
            {
                throw new FormatException(complete ? "a complete checkpoint names a cursor to read on from." : "an unfinished checkpoint has no cursor to read on from.");
            }

            if (pages != nextPageIndex)
            {
                throw new FormatException($"it counts {pages} pages and resumes at page {nextPageIndex + 1}.");
            }

            var import = root.TryGetProperty("import", out var saved) ? saved.Deserialize(CheckpointJsonContext.Default.HubSpotImport) : null;
            if (import is not null)
            {
                HubSpotImport.CheckSaved([import], "'import'");
                if (import.Id != importId)
                {
                    throw new FormatException($"its 'import' describes import {UntrustedText.Quote(import.Id)}, not import {UntrustedText.Quote(importId)} it belongs to.");
                }
            }

            BuiltInStateChecks.Check(slots, errors, clusterGap);
            return new Checkpoint(after, nextPageIndex, complete, pages, errors, bytesRead, import, slots);
        }
        catch (Exception ex) when (ex is not (CheckpointException or OperationCanceledException or OutOfMemoryException))
        {
            throw new CheckpointException($"The checkpoint {UntrustedText.Quote(name)} is damaged or was written with other settings: {UntrustedText.OneLine(ex.Message)}", ex);
        }
    }

    private static AggregatorSlot Restore(AggregatorSlot prototype, JsonElement state)
    {
        try
        {
            return prototype.Restore(state);
        }
        catch (Exception ex) when (ex is not (OperationCanceledException or OutOfMemoryException))
        {
            throw new FormatException($"the state of the aggregator {UntrustedText.Quote(prototype.Aggregator.Name)} cannot be read: {ex.Message}", ex);
        }
    }

    private static JsonElement Property(JsonElement parent, string name, params ReadOnlySpan<JsonValueKind> kinds)
    {
        if (parent.ValueKind != JsonValueKind.Object || !parent.TryGetProperty(name, out var value))
        {
            throw new FormatException($"'{name}' is missing.");
        }

        return kinds.Contains(value.ValueKind) ? value : throw new FormatException($"'{name}' is {HubSpotImport.Describe(value.ValueKind)}.");
    }

    private static long Long(JsonElement parent, string name, long minimum = 0, long maximum = long.MaxValue) =>
        Property(parent, name, JsonValueKind.Number).TryGetInt64(out var value) && value >= minimum && value <= maximum
            ? value
            : throw new FormatException($"'{name}' must be a whole number from {minimum} to {maximum}.");

    private static string? Text(JsonElement parent, string name) => Property(parent, name, JsonValueKind.String).GetString();
}

/// <summary>What a checkpoint holds.</summary>
internal sealed record Checkpoint(
    string? After, int NextPageIndex, bool Complete, long Pages, long Errors, long Bytes, HubSpotImport? Import, AggregatorSlot[] Slots);
