namespace ImportErrorAnalytics.Pipeline.Checkpoints;

/// <summary>
/// Where a HubSpot run keeps its checkpoint: the cursor after the last committed page, the counters and every
/// aggregator's merged state, as one opaque, versioned blob that holds no token. The run saves it after each committed
/// page and before it requests the next one, and loads it once when it starts, to resume after the last saved page.
/// Implement it to keep checkpoints somewhere else than a file (a database row, actor state); give it to
/// <see cref="ImportErrorAnalyzerBuilder.WithCheckpointStore"/>.
/// </summary>
public interface ICheckpointStore
{
    /// <summary>Names the checkpoint in messages (a path, a record key); never a secret.</summary>
    string Name { get; }

    /// <summary>Returns the checkpoint last saved, or <see langword="null"/> when there is none yet.</summary>
    /// <param name="cancellationToken">Stops the load.</param>
    ValueTask<byte[]?> LoadAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the checkpoint with <paramref name="checkpoint"/>. It must be atomic: after a crash at any moment,
    /// <see cref="LoadAsync"/> returns either the previous checkpoint or this one, whole. The run requests no further
    /// page until the returned task completes.
    /// </summary>
    /// <param name="checkpoint">The checkpoint's bytes; valid only until the returned task completes.</param>
    /// <param name="cancellationToken">Stops the save (the previous checkpoint must then stay in place).</param>
    ValueTask SaveAsync(ReadOnlyMemory<byte> checkpoint, CancellationToken cancellationToken);
}
