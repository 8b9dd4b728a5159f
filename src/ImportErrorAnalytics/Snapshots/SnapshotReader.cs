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
        if (aggregator is not IPersistentErrorAggregator<TState>)
        {
            throw new ArgumentException(
                $"The aggregator {UntrustedText.Quote(aggregator.Name)} cannot be read from a snapshot: it does not implement IPersistentErrorAggregator<TState>.", nameof(aggregator));
        }

        if (BuiltInNames.Contains(aggregator.Name) || _custom.Exists(slot => slot.Aggregator.Name == aggregator.Name))
        {
            throw new ArgumentException($"Two aggregators are named {UntrustedText.Quote(aggregator.Name)}; names must be unique.", nameof(aggregator));
        }

        _custom.Add(AggregatorSlot.Create(aggregator));
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
