using ImportErrorAnalytics.Aggregation;
using ImportErrorAnalytics.Aggregation.BuiltIn;
using ImportErrorAnalytics.Escaping;
using ImportErrorAnalytics.Pipeline.Checkpoints;
using ImportErrorAnalytics.Sources.Capabilities;
using ImportErrorAnalytics.Telemetry;

namespace ImportErrorAnalytics.Pipeline;

/// <summary>The run's checkpoint: loaded once before the first page, saved at the commit of every page after it.</summary>
internal sealed partial class AnalysisRun
{
    /// <summary>
    /// The commit of a checkpointed page: its records are in the states and the counters; the cursor after it, the
    /// counters and the states are saved in one write; then the parse worker may request the next page.
    /// </summary>
    private async Task SaveCheckpointAsync(string? after, int nextPageIndex, AggregatorSlot[] slots, CancellationToken cancellationToken)
    {
        _checkpointBuffer.ResetWrittenCount();
        CheckpointCodec.Write(_checkpointBuffer, (IResumableSource)sources[0], Volatile.Read(ref _imports[0]), after, nextPageIndex, _counters, slots, options.ShowStandardSensitivity);
        try
        {
            await checkpoint!.SaveAsync(_checkpointBuffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
            RunTelemetry.CheckpointWritten(null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            RunTelemetry.CheckpointWritten(ex);
            throw new CheckpointException($"The checkpoint {UntrustedText.Quote(checkpoint!.Name)} cannot be saved: {UntrustedText.OneLine(ex.Message)} The run stopped after the last page it saved.", ex) { IsSaveFailure = true };
        }
        _saved!.Release();
    }

    /// <summary>Loads the checkpoint, if any: the source starts after its cursor, the worker from its states.</summary>
    private async Task<Checkpoint?> ResumeAsync(CancellationToken cancellationToken)
    {
        // The builder lets a checkpoint run only over one source that can resume.
        var source = (IResumableSource)sources[0];
        byte[]? bytes;
        try
        {
            bytes = await checkpoint!.LoadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CheckpointException($"The checkpoint {UntrustedText.Quote(checkpoint!.Name)} cannot be read: {UntrustedText.OneLine(ex.Message)}", ex);
        }

        if (bytes is null)
        {
            return null;
        }

        var saved = CheckpointCodec.Read(bytes, checkpoint.Name, source, prototypes, options.ClusterGap, options.ShowStandardSensitivity);
        _start = new ResumePoint(saved.After, saved.NextPageIndex);
        _counters.Restore(saved.Pages, saved.Errors, saved.Bytes);
        _inputErrors[0] = saved.Errors;
        BuiltInAggregators.UseRunNames(saved.Slots, _pool.Names);
        _resumed = saved.Slots;
        return saved;
    }
}
