using ImportErrorAnalytics.Pipeline.Checkpoints;

namespace ImportErrorAnalytics.Orleans.Grains;

/// <summary>
/// The library's checkpoint kept in the import grain's storage: loaded from the state read at activation, saved by
/// one storage write (with its etag) per committed page, inside the activation.
/// </summary>
internal sealed class GrainCheckpointStore(string name, IPersistentState<ImportGrainState> state, ActivationScheduler activation)
    : ICheckpointStore
{
    public string Name => name;

    public async ValueTask<byte[]?> LoadAsync(CancellationToken cancellationToken) =>
        await activation.RunAsync(() => Task.FromResult(state.State.Checkpoint), cancellationToken).ConfigureAwait(false);

    public async ValueTask SaveAsync(ReadOnlyMemory<byte> checkpoint, CancellationToken cancellationToken)
    {
        var bytes = checkpoint.ToArray();
        await activation.RunAsync(
            async () =>
            {
                state.State.Checkpoint = bytes;
                await state.WriteStateAsync(CancellationToken.None);
            },
            cancellationToken).ConfigureAwait(false);
    }
}
