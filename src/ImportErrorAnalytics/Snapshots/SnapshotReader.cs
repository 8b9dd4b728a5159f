using ImportErrorAnalytics.Aggregation;
using ImportErrorAnalytics.Escaping;

namespace ImportErrorAnalytics.Snapshots;

/// <summary>
/// Reads snapshot files, treating them as untrusted: a file that is not a snapshot, of another version, truncated,
/// corrupted or inconsistent gives a <see cref="SnapshotFormatException"/>, never a partial or wrong snapshot.
/// The built-in aggregators are always known; add the custom aggregators the snapshots were made with.
/// </summary>
public sealed class SnapshotReader
{
    private static readonly HashSet<string> BuiltInNames = new(
        new Aggregation.BuiltIn.BuiltInAggregators(Aggregation.BuiltIn.BuiltInSettings.Default).CreateSlots().Select(slot => slot.Aggregator.Name), StringComparer.Ordinal);

    private readonly List<AggregatorSlot> _custom = [];

    /// <summary>
    /// Adds a custom aggregator, so that its state in a snapshot can be read and merged. Every snapshot read must then
    /// hold a state for it, and no state for an aggregator that was not added.
    /// </summary>
    /// <param name="aggregator">The aggregator; it must implement <see cref="IPersistentErrorAggregator{TState}"/>.</param>
    /// <exception cref="ArgumentException">
    /// The aggregator cannot read a saved state, or an aggregator of the same name (built-ins included) was added.
    /// </exception>
    public SnapshotReader AddAggregator<TState, TResult>(IErrorAggregator<TState, TResult> aggregator)
        where TState : class
    {
        ArgumentNullException.ThrowIfNull(aggregator);
        return Add(AggregatorSlot.Create(aggregator), nameof(aggregator));
    }

    /// <summary>Adds a custom aggregator given as a slot (a builder's), with the checks of <see cref="AddAggregator"/>.</summary>
    /// <exception cref="ArgumentException">The aggregator cannot read a saved state, or one of the same name was added.</exception>
    /// <param name="slot">The aggregator, with a state.</param>
    /// <param name="parameterName">The caller's parameter that gave it, for the exception.</param>
    internal SnapshotReader Add(AggregatorSlot slot, string parameterName)
    {
        var name = slot.Aggregator.Name;
        if (!slot.IsPersistent)
        {
            throw new ArgumentException(
                $"The aggregator {UntrustedText.Quote(name)} cannot be read from a snapshot: it does not implement IPersistentErrorAggregator<TState>.", parameterName);
        }

        if (BuiltInNames.Contains(name) || _custom.Exists(other => other.Aggregator.Name == name))
        {
            throw new ArgumentException($"Two aggregators are named {UntrustedText.Quote(name)}; names must be unique.", parameterName);
        }

        _custom.Add(slot);
        return this;
    }

    /// <summary>Reads a snapshot from a stream, to its end.</summary>
    /// <param name="source">The stream; left open.</param>
    /// <param name="name">Names the snapshot in messages (a file name, say).</param>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <exception cref="SnapshotFormatException">The bytes are not a whole, valid snapshot this version reads.</exception>
    /// <exception cref="SnapshotMismatchException">The snapshot holds a custom aggregator's state that was not added, or lacks one that was.</exception>
    public async Task<ReportSnapshot> ReadAsync(Stream source, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentException.ThrowIfNullOrEmpty(name);
        var payload = await SnapshotEnvelope.ReadPayloadAsync(source, name, cancellationToken).ConfigureAwait(false);
        return SnapshotPayloadReader.Read(payload, name, _custom);
    }

    /// <summary>Reads a snapshot file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="SnapshotFormatException">The file is not a whole, valid snapshot this version reads.</exception>
    /// <exception cref="SnapshotMismatchException">The snapshot holds a custom aggregator's state that was not added, or lacks one that was.</exception>
    public async Task<ReportSnapshot> ReadFileAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true);
        await using (stream.ConfigureAwait(false))
        {
            return await ReadAsync(stream, path, cancellationToken).ConfigureAwait(false);
        }
    }
}
