using System.Text.Json;
using ImportErrorAnalytics.Aggregation.BuiltIn;
using ImportErrorAnalytics.Aggregation;
using ImportErrorAnalytics.Escaping;
using ImportErrorAnalytics.Fingerprints;
using ImportErrorAnalytics.Pipeline;
using ImportErrorAnalytics.Reporting;
using ImportErrorAnalytics.Model;

namespace ImportErrorAnalytics.Snapshots;

/// <summary>
/// Reads a checked payload into a snapshot. The payload is untrusted all the same: every field is type- and
/// range-checked, the counters must agree with the states, and any failure is a <see cref="SnapshotFormatException"/>.
/// </summary>
internal static class SnapshotPayloadReader
{
    public static ReportSnapshot Read(byte[] payload, string name, IReadOnlyList<AggregatorSlot> customPrototypes)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            var root = document.RootElement;
            var settings = SnapshotSettings.Read(SnapshotJson.Property(root, "settings", JsonValueKind.Object));
            var builtIns = new BuiltInAggregators(settings.ToBuiltInSettings());
            var runs = ReadRuns(SnapshotJson.Property(root, "runs", JsonValueKind.Array));
            var counters = ReadCounters(SnapshotJson.Property(root, "counters", JsonValueKind.Object));
            if (counters.Inputs != runs.Sum(run => (long)run.Inputs.Count))
            {
                throw new FormatException("'counters.inputs' is not the number of the runs' inputs.");
            }

            if (runs.Sum(run => run.Inputs.Sum(input => (decimal)input.Errors)) != counters.Errors)
            {
                throw new FormatException("the errors of the runs' inputs do not add up to 'counters.errors'.");
            }

            var skipped = ReadList(root, "skipped", SnapshotJsonContext.Default.SkippedInput);
            CheckSkipped(skipped, runs);
            var imports = ReadList(root, "imports", SnapshotJsonContext.Default.HubSpotImport);
            CheckImports(imports);
            var states = SnapshotJson.Property(root, "aggregators", JsonValueKind.Object);
            var slots = ReadStates(states, builtIns.CreateSlots().Concat(customPrototypes).ToList(), name);
            CheckAgainstStates(slots, counters, settings);
            return new ReportSnapshot(name, settings, runs, counters, skipped, imports, slots);
        }
        catch (Exception ex) when (ex is not (SnapshotFormatException or SnapshotMismatchException or OperationCanceledException or OutOfMemoryException))
        {
            throw SnapshotEnvelope.Fail(name, $"is not a valid snapshot although its checksum matches: {UntrustedText.OneLine(ex.Message)}", ex);
        }
    }

    private static List<SnapshotRun> ReadRuns(JsonElement json)
    {
        var runs = new List<SnapshotRun>();
        foreach (var run in json.EnumerateArray())
        {
            var id = SnapshotJson.String(SnapshotJson.Property(run, "id", JsonValueKind.String), "A run's 'id'");
            var inputs = SnapshotJson.Property(run, "inputs", JsonValueKind.Array).EnumerateArray().Select(ReadInput).ToList();
            runs.Add(new SnapshotRun(Guid.TryParseExact(id, "D", out var guid) ? guid : throw new FormatException("A run's 'id' is not a GUID."), inputs));
        }

        if (runs.Count == 0)
        {
            throw new FormatException("'runs' is empty.");
        }

        if (runs.Select(run => run.Id).Distinct().Count() != runs.Count)
        {
            throw new FormatException("'runs' lists a run id twice.");
        }

        for (var i = 1; i < runs.Count; i++)
        {
            if (SnapshotRun.Compare(runs[i - 1], runs[i]) >= 0)
            {
                throw new FormatException("'runs' are not in merge order.");
            }
        }

        return runs;
    }

    /// <summary>An input: its name and errors, and its content's length and XXH128 together or neither (a HubSpot import).</summary>
    private static RunInput ReadInput(JsonElement json)
    {
        var name = SnapshotJson.String(SnapshotJson.Property(json, "name", JsonValueKind.String), "An input's 'name'");
        var errors = SnapshotJson.Long(json, "errors");
        var hasBytes = json.TryGetProperty("bytes", out _);
        if (hasBytes != json.TryGetProperty("xxh128", out _))
        {
            throw new FormatException("an input has one of 'bytes' and 'xxh128' without the other.");
        }

        InputFingerprint? fingerprint = hasBytes
            ? new InputFingerprint(InputFingerprint.ParseHash(SnapshotJson.String(json.GetProperty("xxh128"), "An input's 'xxh128'")), SnapshotJson.Long(json, "bytes"))
            : null;
        return new RunInput(name, errors, fingerprint);
    }

    private static SnapshotCounters ReadCounters(JsonElement json) => new(
        SnapshotJson.Int(json, "inputs"),
        SnapshotJson.Long(json, "pages"),
        SnapshotJson.Long(json, "errors"),
        SnapshotJson.Long(json, "bytes"));

    private static List<T> ReadList<T>(JsonElement root, string name, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> contract)
        where T : class =>
        SnapshotJson.Property(root, name, JsonValueKind.Array).EnumerateArray()
            .Select(item => item.Deserialize(contract) ?? throw new FormatException($"'{name}' holds null."))
            .ToList();

    /// <summary>One state per aggregator, in <paramref name="prototypes"/> order; each name once, each at the version its aggregator writes.</summary>
    private static AggregatorSlot[] ReadStates(JsonElement json, List<AggregatorSlot> prototypes, string name)
    {
        var saved = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in json.EnumerateObject())
        {
            if (!saved.TryAdd(property.Name, property.Value))
            {
                throw new FormatException($"'aggregators' names {UntrustedText.Quote(property.Name)} twice.");
            }
        }

        var known = prototypes.Select(slot => slot.Aggregator.Name).ToHashSet(StringComparer.Ordinal);
        if (saved.Keys.FirstOrDefault(key => !known.Contains(key)) is { } unknown)
        {
            throw new SnapshotMismatchException(
                $"The snapshot {UntrustedText.Quote(name)} holds the state of the aggregator {UntrustedText.Quote(unknown)}, which was not given to read it (iea merge: pass the --aggregator FILE that defines it).");
        }

        var slots = new AggregatorSlot[prototypes.Count];
        for (var i = 0; i < slots.Length; i++)
        {
            var prototype = prototypes[i];
            var aggregator = prototype.Aggregator.Name;
            if (!saved.TryGetValue(aggregator, out var entry))
            {
                if (BuiltInSlots.IsBuiltIn(prototype))
                {
                    throw new FormatException($"'aggregators' has no state for the built-in {UntrustedText.Quote(aggregator)}.");
                }

                throw new SnapshotMismatchException($"The snapshot {UntrustedText.Quote(name)} has no state for the aggregator {UntrustedText.Quote(aggregator)}: it was made without it.");
            }

            var version = SnapshotJson.Long(entry, "stateVersion", minimum: long.MinValue);
            if (version != prototype.StateVersion)
            {
                throw SnapshotEnvelope.Fail(name, $"holds version {version} of the state of the aggregator {UntrustedText.Quote(aggregator)}; this build reads version {prototype.StateVersion}.");
            }

            try
            {
                slots[i] = prototype.Restore(entry.TryGetProperty("state", out var state) ? state : throw new FormatException("it is missing."));
            }
            catch (Exception ex) when (ex is not (OperationCanceledException or OutOfMemoryException))
            {
                throw new FormatException($"the state of the aggregator {UntrustedText.Quote(aggregator)} cannot be read: {UntrustedText.OneLine(ex.Message)}", ex);
            }
        }

        return slots;
    }

    /// <summary>
    /// The counters and the states were written together: the built-in states agree with each other and with the
    /// errors counted (<see cref="BuiltInStateChecks"/>), and property positions name real inputs.
    /// </summary>
    private static void CheckAgainstStates(AggregatorSlot[] slots, SnapshotCounters counters, SnapshotSettings settings)
    {
        BuiltInStateChecks.Check(slots, counters.Errors, settings.ClusterGap);
        var identity = new int[counters.Inputs];
        for (var i = 0; i < identity.Length; i++)
        {
            identity[i] = i;
        }

        BuiltInSlots.Of(slots).Columns.State.RenumberInputs(identity);
    }

    /// <summary>A skipped page or line names an input of the runs, at a real place in it.</summary>
    private static void CheckSkipped(List<SkippedInput> skipped, List<SnapshotRun> runs)
    {
        var inputs = runs.SelectMany(run => run.Inputs).Select(input => input.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var skip in skipped)
        {
            if (skip.Source is null || skip.Reason is null || skip.Action is null)
            {
                throw new FormatException("'skipped' holds an entry without its source, reason or action.");
            }

            if (!inputs.Contains(skip.Source))
            {
                throw new FormatException("'skipped' names an input that none of the runs read.");
            }

            if (skip.Page < 1 || skip.ByteOffset < 0 || skip.Record < 0)
            {
                throw new FormatException("'skipped' holds a page before the first, or a negative byte offset or record.");
            }
        }
    }

    /// <summary>Each HubSpot import once, with its counters and files (a report reads them).</summary>
    private static void CheckImports(List<HubSpotImport> imports) => HubSpotImport.CheckSaved(imports, "'imports'");
}
