using System.Text.Json;

namespace ImportErrorAnalytics.Aggregation;

/// <summary>
/// An aggregator whose state can be saved and restored: what checkpoints (resume after a crash) and snapshots
/// (<c>iea report --snapshot</c>, merged by <c>iea merge</c>) need. Every built-in implements it; a run with a checkpoint
/// or a snapshot refuses custom aggregators that do not.
/// </summary>
/// <typeparam name="TState">The aggregator's state.</typeparam>
public interface IPersistentErrorAggregator<TState>
    where TState : class
{
    /// <summary>Writes <paramref name="state"/> as one JSON value.</summary>
    /// <param name="state">The state.</param>
    /// <param name="writer">The destination.</param>
    void WriteState(TState state, Utf8JsonWriter writer);

    /// <summary>Reads a state written by <see cref="WriteState"/>.</summary>
    /// <param name="json">The JSON value.</param>
    /// <exception cref="FormatException">The value is not a state of this aggregator.</exception>
    TState ReadState(JsonElement json);

    /// <summary>
    /// The version of the form <see cref="WriteState"/> writes. Snapshots record it next to each state, and a snapshot
    /// holding another version of this aggregator's state is refused rather than misread: raise it when the saved form
    /// changes in a way <see cref="ReadState"/> cannot read.
    /// </summary>
    /// <value>Defaults to 1.</value>
    int StateVersion => 1;
}
