using System.Text.Json.Serialization.Metadata;
using ImportErrorAnalytics.Model;

namespace ImportErrorAnalytics.Aggregation;

/// <summary>An aggregator of import errors, known by its name in the report.</summary>
public interface IErrorAggregator
{
    /// <summary>The aggregator's name: its key under <c>custom</c> in the JSON report. Unique within a run.</summary>
    string Name { get; }
}

/// <summary>
/// A pluggable, mergeable aggregator. The pipeline gives every worker its own state from
/// <see cref="CreateState"/>, feeds it records with <see cref="Add"/>, and combines worker states with
/// <see cref="Merge"/>; so a run's result does not depend on how many workers it had.
/// </summary>
/// <typeparam name="TState">The mutable state; one per worker.</typeparam>
/// <typeparam name="TResult">What the aggregator reports.</typeparam>
public interface IErrorAggregator<TState, TResult> : IErrorAggregator
    where TState : class
{
    /// <summary>The JSON contract of <typeparamref name="TResult"/> (from a <c>JsonSerializerContext</c>; no reflection).</summary>
    JsonTypeInfo<TResult> ResultTypeInfo { get; }

    /// <summary>Creates an empty state: the identity of <see cref="Merge"/>.</summary>
    TState CreateState();

    /// <summary>Adds one record. The hot path: must not allocate per record, nor keep the record's spans.</summary>
    void Add(TState state, in ImportErrorRecord record);

    /// <summary>Adds <paramref name="other"/> into <paramref name="into"/>. Must be associative and commutative.</summary>
    void Merge(TState into, TState other);

    /// <summary>Builds the result from a (merged) state.</summary>
    TResult GetResult(TState state);
}
