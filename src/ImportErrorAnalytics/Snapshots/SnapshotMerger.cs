using ImportErrorAnalytics.Aggregation.BuiltIn;
using ImportErrorAnalytics.Aggregation;
using ImportErrorAnalytics.Escaping;
using ImportErrorAnalytics.Fingerprints;

namespace ImportErrorAnalytics.Snapshots;

/// <summary>
/// Merges snapshots: refuses pieces that must not be combined, puts the runs in merge order, renumbers each piece's
/// inputs into that order, and merges fresh copies of the states (the pieces stay as they were).
/// </summary>
internal static class SnapshotMerger
{
    public static ReportSnapshot Merge(List<ReportSnapshot> parts)
    {
        if (parts.Count == 0)
        {
            throw new ArgumentException("Give at least one snapshot to merge.", nameof(parts));
        }

        // Merge order does not change exact counts, but it can change which values an approximate summary keeps:
        // a fixed order makes the result independent of the order the caller gave.
        parts.Sort(static (a, b) => SnapshotRun.Compare(a.Runs[0], b.Runs[0]));
        var first = parts[0];
        foreach (var part in parts.Skip(1))
        {
            CheckCompatible(first, part);
        }

        CheckDisjoint(parts);
        var runs = parts.SelectMany(part => part.Runs).ToList();
        runs.Sort(SnapshotRun.Compare);
        var offsets = new Dictionary<Guid, int>();
        var next = 0;
        foreach (var run in runs)
        {
            offsets.Add(run.Id, next);
            next += run.Inputs.Count;
        }

        var slots = Array.ConvertAll(first.Slots, slot => slot.CreateEmpty());
        var counters = default(SnapshotCounters);
        foreach (var part in parts)
        {
            for (var i = 0; i < slots.Length; i++)
            {
                var from = Find(part, slots[i].Aggregator.Name);
                if (BuiltInSlots.IsColumns(slots[i]))
                {
                    from = Renumbered(from, part, offsets);
                }

                slots[i].MergeFrom(from);
            }

            try
            {
                counters = counters.Add(part.Counters);
            }
            catch (OverflowException ex)
            {
                throw new SnapshotMismatchException($"Cannot merge {Name(part)}: the counters overflow ({ex.Message}).", ex);
            }
        }

        // Skipped inputs and imports in an order of their own, not the pieces': a merge of merges (an account's roll-up
        // merged as its imports complete) lists them as merging all the pieces at once does. Skipped inputs follow
        // their inputs in the merged run order (stable within one input); imports go by id.
        var position = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var input in runs.SelectMany(run => run.Inputs))
        {
            position.TryAdd(input.Name, position.Count);
        }

        var skipped = parts.SelectMany(part => part.Skipped)
            .OrderBy(item => position.GetValueOrDefault(item.Source, int.MaxValue))
            .ToList();
        var imports = parts.SelectMany(part => part.Imports).OrderBy(import => import.Id, StringComparer.Ordinal).ToList();
        return new ReportSnapshot($"merge of {Describe(parts)}", first.Settings, runs, counters, skipped, imports, slots);
    }

    private static void CheckCompatible(ReportSnapshot a, ReportSnapshot b)
    {
        if (a.Settings.FirstDifference(b.Settings) is { } difference)
        {
            throw new SnapshotMismatchException(
                $"Cannot merge {Name(a)} and {Name(b)}: they were made with different settings, {difference}. Their states do not combine; make both with the same settings.");
        }

        var names = a.Slots.Select(slot => slot.Aggregator.Name).ToHashSet(StringComparer.Ordinal);
        var others = b.Slots.Select(slot => slot.Aggregator.Name).ToHashSet(StringComparer.Ordinal);
        if (names.FirstOrDefault(name => !others.Contains(name)) is { } missing)
        {
            throw new SnapshotMismatchException($"Cannot merge {Name(a)} and {Name(b)}: {Name(a)} has the aggregator {UntrustedText.Quote(missing)} and {Name(b)} does not.");
        }

        if (others.FirstOrDefault(name => !names.Contains(name)) is { } extra)
        {
            throw new SnapshotMismatchException($"Cannot merge {Name(a)} and {Name(b)}: {Name(b)} has the aggregator {UntrustedText.Quote(extra)} and {Name(a)} does not.");
        }

        foreach (var slot in a.Slots)
        {
            var other = Find(b, slot.Aggregator.Name);
            if (other.GetType() != slot.GetType() || other.StateVersion != slot.StateVersion)
            {
                throw new SnapshotMismatchException(
                    $"Cannot merge {Name(a)} and {Name(b)}: their aggregators named {UntrustedText.Quote(slot.Aggregator.Name)} keep different states (state types or versions differ).");
            }
        }
    }

    private static void CheckDisjoint(List<ReportSnapshot> parts)
    {
        var runs = new Dictionary<Guid, ReportSnapshot>();
        var imports = new Dictionary<string, ReportSnapshot>(StringComparer.Ordinal);
        foreach (var part in parts)
        {
            foreach (var run in part.Runs)
            {
                if (!runs.TryAdd(run.Id, part))
                {
                    throw new SnapshotMismatchException(
                        $"Cannot merge {Name(runs[run.Id])} and {Name(part)}: both hold run {run.Id}, so its errors would be counted twice (the same snapshot given twice, or a merge given with one of its pieces).");
                }
            }

            foreach (var import in part.Imports)
            {
                if (!imports.TryAdd(import.Id, part))
                {
                    throw new SnapshotMismatchException(
                        $"Cannot merge {Name(imports[import.Id])} and {Name(part)}: both hold HubSpot import {UntrustedText.Quote(import.Id)}, so its errors would be counted twice.");
                }
            }
        }

        CheckContentOnce(parts);
    }

    /// <summary>
    /// No content is held twice: two inputs (in two snapshots, or in one) with the same fingerprint, the same bytes
    /// whatever their names, would have their errors counted twice. Inputs that counted no error are not compared
    /// (two empty pages count nothing twice), nor are HubSpot imports (their ids are compared).
    /// </summary>
    private static void CheckContentOnce(List<ReportSnapshot> parts)
    {
        var seen = new Dictionary<InputFingerprint, (ReportSnapshot Part, RunInput Input)>();
        foreach (var part in parts)
        {
            foreach (var input in part.Runs.SelectMany(run => run.Inputs))
            {
                if (input is not { Errors: > 0, Fingerprint: { } fingerprint })
                {
                    continue;
                }

                if (seen.TryGetValue(fingerprint, out var first))
                {
                    throw new SnapshotMismatchException(ReferenceEquals(first.Part, part)
                        ? $"Cannot merge {Name(part)}: it holds the same input twice, {UntrustedText.Quote(first.Input.Name)} and {UntrustedText.Quote(input.Name)} (the same content: {fingerprint}), so its errors are counted twice in it."
                        : $"Cannot merge {Name(first.Part)} and {Name(part)}: both hold the same input, {UntrustedText.Quote(first.Input.Name)} in {Name(first.Part)} and {UntrustedText.Quote(input.Name)} in {Name(part)} (the same content: {fingerprint}), so its errors would be counted twice.");
                }

                seen.Add(fingerprint, (part, input));
            }
        }
    }

    /// <summary>A copy of <paramref name="part"/>'s column state whose property positions number the merged run order.</summary>
    private static AggregatorSlot Renumbered(AggregatorSlot columns, ReportSnapshot part, Dictionary<Guid, int> offsets)
    {
        var inputs = new int[part.Counters.Inputs];
        var old = 0;
        foreach (var run in part.Runs)
        {
            for (var j = 0; j < run.Inputs.Count; j++)
            {
                inputs[old++] = offsets[run.Id] + j;
            }
        }

        try
        {
            return WithInputsRenumbered(columns, inputs);
        }
        catch (FormatException ex)
        {
            throw new SnapshotFormatException($"{Name(part)} does not hold together: {UntrustedText.OneLine(ex.Message)}", ex);
        }
    }

    /// <summary>A copy of the column state whose property positions name input <c>inputs[old]</c> instead of <c>old</c>.</summary>
    /// <exception cref="FormatException">A position names an input outside <paramref name="inputs"/>.</exception>
    internal static AggregatorSlot WithInputsRenumbered(AggregatorSlot columns, int[] inputs)
    {
        var copy = columns.CreateEmpty();
        copy.MergeFrom(columns);
        BuiltInSlots.ColumnsOf(copy).RenumberInputs(inputs);
        return copy;
    }

    private static AggregatorSlot Find(ReportSnapshot part, string name) =>
        Array.Find(part.Slots, slot => string.Equals(slot.Aggregator.Name, name, StringComparison.Ordinal))!;

    private static string Describe(List<ReportSnapshot> parts) =>
        parts.Count <= 3 ? string.Join(", ", parts.Select(Name)) : $"{parts.Count} snapshots";

    /// <summary>A snapshot as messages name it: its origin (a file name, a run, a merge), quoted.</summary>
    private static string Name(ReportSnapshot part) => UntrustedText.Quote(part.ToString());
}
