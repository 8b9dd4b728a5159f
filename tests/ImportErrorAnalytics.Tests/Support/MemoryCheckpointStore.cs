using ImportErrorAnalytics.Pipeline.Checkpoints;

namespace ImportErrorAnalytics.Tests.Support;

/// <summary>A checkpoint store in memory that can fail a given save, and runs a check as each save begins.</summary>
internal sealed class MemoryCheckpointStore : ICheckpointStore
{
    public string Name => "memory";

    public byte[]? Saved { get; private set; }

    public int Saves { get; private set; }

    /// <summary>The save (1-based) that throws an <see cref="IOException"/> without storing anything.</summary>
    public int? FailingSave { get; set; }

    /// <summary>Called with the save's number as it begins.</summary>
    public Action<int>? OnSave { get; set; }

    public ValueTask<byte[]?> LoadAsync(CancellationToken cancellationToken) => ValueTask.FromResult(Saved);

    public ValueTask SaveAsync(ReadOnlyMemory<byte> checkpoint, CancellationToken cancellationToken)
    {
        var number = ++Saves;
        OnSave?.Invoke(number);
        if (number == FailingSave)
        {
            throw new IOException("The disk is full.");
        }

        Saved = checkpoint.ToArray();
        return ValueTask.CompletedTask;
    }
}
