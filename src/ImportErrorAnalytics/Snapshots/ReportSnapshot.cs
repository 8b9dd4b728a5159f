using ImportErrorAnalytics.Aggregation;
using ImportErrorAnalytics.Aggregation.BuiltIn;
using ImportErrorAnalytics.Files;
using ImportErrorAnalytics.Reporting;
using ImportErrorAnalytics.Model;
using ImportErrorAnalytics.Escaping;

namespace ImportErrorAnalytics.Snapshots;

/// <summary>
/// The merged aggregator states of one or more runs, with their counters, skipped inputs, HubSpot imports and the
/// settings that shaped them: what a report is built from, kept so that pieces analysed anywhere can be merged later.
/// Get one from <see cref="Pipeline.ImportErrorAnalyzer.RunToSnapshotAsync"/>, <see cref="SnapshotReader"/> or
/// <see cref="Merge"/>; the report of a merge equals the report of one run over all the inputs (the approximate
/// top-values summaries stay within their error bounds). Not safe for use by several threads at once.
/// </summary>
public sealed class ReportSnapshot
{
    /// <summary>The format name in a snapshot file's header line.</summary>
    public const string FormatName = SnapshotEnvelope.FormatName;

    /// <summary>The snapshot format version this library writes and reads.</summary>
    public const int FormatVersion = SnapshotEnvelope.Version;

    /// <summary>The key of masks in reports of this snapshot: the run's, or made on first use; never saved.</summary>
    private ValueMaskKey? _maskKey;

    internal ReportSnapshot(
        string origin,
        SnapshotSettings settings,
        IReadOnlyList<SnapshotRun> runs,
        SnapshotCounters counters,
        IReadOnlyList<SkippedInput> skipped,
        IReadOnlyList<HubSpotImport> imports,
        AggregatorSlot[] slots,
        ValueMaskKey? maskKey = null)
    {
        _maskKey = maskKey;
        Origin = origin;
        Settings = settings;
        Runs = runs;
        Counters = counters;
        Skipped = skipped;
        Imports = imports;
        Slots = slots;
        RunIds = runs.Select(run => run.Id).ToList();
    }

    /// <summary>The ids of the runs whose states this snapshot holds (one for a run, several after a merge).</summary>
    public IReadOnlyList<Guid> RunIds { get; }

    /// <summary>Where the snapshot came from (its file, its run, or a merge), as error messages name it.</summary>
    internal string Origin { get; }

    internal SnapshotSettings Settings { get; }

    /// <summary>The runs in merge order; property positions number the concatenation of their inputs.</summary>
    internal IReadOnlyList<SnapshotRun> Runs { get; }

    internal SnapshotCounters Counters { get; }

    internal IReadOnlyList<SkippedInput> Skipped { get; }

    internal IReadOnlyList<HubSpotImport> Imports { get; }

    /// <summary>The built-ins in report order, then the custom aggregators.</summary>
    internal AggregatorSlot[] Slots { get; }

    /// <summary>Builds the report, through the same assembly as a run's.</summary>
    /// <param name="maskValues">
    /// Shows invalid values as keyed hashes even if the runs did not (a snapshot of runs that masked values always
    /// masks them). The snapshot holds the values themselves, so masks are made now, with the key given here.
    /// </param>
    /// <param name="maskKey">
    /// The key of the masks. When <see langword="null"/>: the key of the run this snapshot came from, if it came from
    /// a run in this process (a snapshot file holds no key), else a random key made once for this snapshot object,
    /// whose masks match no other report's.
    /// </param>
    public ImportErrorReport CreateReport(bool maskValues = false, ValueMaskKey? maskKey = null)
    {
        var settings = Settings.ToBuiltInSettings(maskValues);
        var key = settings.MaskValues ? maskKey ?? (_maskKey ??= ValueMaskKey.CreateRandom()) : null;
        return ReportAssembler.Build(new BuiltInAggregators(settings, key), Slots, Counters.ToRunCounters(), Skipped, Imports, complete: true);
    }

    /// <summary>
    /// Merges snapshots into a new one (the arguments are left as they were). The result does not depend on the
    /// order of <paramref name="snapshots"/>; merging it with others again is the same as merging all the pieces at once.
    /// </summary>
    /// <param name="snapshots">One or more snapshots.</param>
    /// <exception cref="ArgumentException">No snapshot was given.</exception>
    /// <exception cref="SnapshotMismatchException">
    /// The snapshots were made with different settings or aggregators, or they hold the same run, the same HubSpot
    /// import or the same input content (the same bytes, whatever their names) twice, whose errors would be counted twice.
    /// </exception>
    public static ReportSnapshot Merge(IEnumerable<ReportSnapshot> snapshots)
    {
        ArgumentNullException.ThrowIfNull(snapshots);
        return SnapshotMerger.Merge(snapshots.ToList());
    }

    /// <summary>
    /// Writes the snapshot: a header line (format, version, payload length and SHA-256) and the JSON payload, as the
    /// docs/snapshots.md documents them.
    /// </summary>
    /// <param name="destination">The stream to write to; left open.</param>
    /// <param name="cancellationToken">Stops the write.</param>
    public async Task WriteToAsync(Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var payload = SnapshotPayloadWriter.Write(this);
        await destination.WriteAsync(SnapshotEnvelope.Header(payload), cancellationToken).ConfigureAwait(false);
        await destination.WriteAsync(payload, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes the snapshot to a new temporary file beside <paramref name="path"/> (on Unix readable and writable by its
    /// owner only, unless <c>IEA_FILE_MODE</c> says otherwise), flushes it to disk, and renames it over <paramref name="path"/>.
    /// </summary>
    /// <param name="path">The snapshot file.</param>
    /// <param name="cancellationToken">Stops the write (the file is then left as it was).</param>
    /// <exception cref="IOException">The file cannot be written (a missing directory, a full disk); it is left as it was.</exception>
    /// <exception cref="UnauthorizedAccessException">No permission to write there.</exception>
    public async Task WriteToFileAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        await AtomicFile.WriteAsync(path, (stream, ct) => new ValueTask(WriteToAsync(stream, ct)), AtomicFileOptions.ForData(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Where the snapshot came from.</summary>
    public override string ToString() => Origin;

    /// <exception cref="NotSupportedException">An aggregator cannot save its state, so no snapshot can hold it.</exception>
    internal static void ThrowIfNotPersistent(IEnumerable<AggregatorSlot> aggregators)
    {
        if (aggregators.FirstOrDefault(slot => !slot.IsPersistent) is { } slot)
        {
            throw new NotSupportedException(
                $"A snapshot needs aggregators that can save their state; the custom aggregator {UntrustedText.Quote(slot.Aggregator.Name)} cannot (implement IPersistentErrorAggregator<TState>).");
        }
    }

    internal static ReportSnapshot FromRun(RunStates states, BuiltInSettings settings, ValueMaskKey? maskKey)
    {
        var run = new SnapshotRun(Guid.NewGuid(), states.Inputs);
        return new ReportSnapshot(
            $"run {run.Id}", SnapshotSettings.From(settings), [run], SnapshotCounters.From(states.Counters), states.Skipped, states.Imports, states.Slots, maskKey);
    }
}
