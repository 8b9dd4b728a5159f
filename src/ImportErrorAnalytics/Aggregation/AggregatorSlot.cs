using System.Diagnostics;
using System.Text.Json;
using ImportErrorAnalytics.Parsing;
using ImportErrorAnalytics.Escaping;
using ImportErrorAnalytics.Reporting;

namespace ImportErrorAnalytics.Aggregation;

/// <summary>An aggregator paired with one state: what a pipeline worker holds.</summary>
internal abstract class AggregatorSlot : IResultSource
{
    public abstract IErrorAggregator Aggregator { get; }

    string IResultSource.Name => Aggregator.Name;

    TResult? IResultSource.GetResultAs<TResult>() where TResult : default => this is ITypedResult<TResult> typed ? typed.GetResult() : default;

    public abstract AggregatorSlot CreateEmpty();

    public abstract void AddPage(ImportErrorPage page);

    public abstract void MergeFrom(AggregatorSlot other);

    public abstract void WriteResult(Utf8JsonWriter writer);

    /// <summary>Whether the state can be saved (the aggregator implements <see cref="IPersistentErrorAggregator{TState}"/>).</summary>
    public abstract bool IsPersistent { get; }

    public abstract void WriteState(Utf8JsonWriter writer);

    /// <summary>The version of the saved form (<see cref="IPersistentErrorAggregator{TState}.StateVersion"/>).</summary>
    public abstract int StateVersion { get; }

    /// <summary>A slot holding the state read from <paramref name="json"/>.</summary>
    public abstract AggregatorSlot Restore(JsonElement json);

    public static AggregatorSlot Create<TState, TResult>(IErrorAggregator<TState, TResult> aggregator)
        where TState : class => new AggregatorSlot<TState, TResult>(aggregator, aggregator.CreateState());
}

internal sealed class AggregatorSlot<TState, TResult>(IErrorAggregator<TState, TResult> aggregator, TState state) : AggregatorSlot, ITypedResult<TResult>
    where TState : class
{
    public override IErrorAggregator Aggregator => aggregator;

    private readonly IPageAggregator<TState>? _pageAggregator = aggregator as IPageAggregator<TState>;

    public TState State { get; } = state;

    public override bool IsPersistent => aggregator is IPersistentErrorAggregator<TState>;

    public override void WriteState(Utf8JsonWriter writer) => Persistent.WriteState(State, writer);

    public override int StateVersion => Persistent.StateVersion;

    public override AggregatorSlot Restore(JsonElement json) => new AggregatorSlot<TState, TResult>(aggregator, Persistent.ReadState(json));

    private IPersistentErrorAggregator<TState> Persistent => aggregator as IPersistentErrorAggregator<TState>
        ?? throw new InvalidOperationException($"The aggregator {UntrustedText.Quote(aggregator.Name)} cannot save its state: it does not implement IPersistentErrorAggregator.");

    public override AggregatorSlot CreateEmpty() => new AggregatorSlot<TState, TResult>(aggregator, aggregator.CreateState());

    public override void AddPage(ImportErrorPage page)
    {
        if (_pageAggregator is not null)
        {
            _pageAggregator.AddPage(State, page);
            return;
        }

        var count = page.Count;
        for (var i = 0; i < count; i++)
        {
            aggregator.Add(State, page.GetRecordUnchecked(i));
        }
    }

    public override void MergeFrom(AggregatorSlot other)
    {
        Debug.Assert(other is AggregatorSlot<TState, TResult> && other != this, "Slots merge with another slot of the same aggregator type.");
        aggregator.Merge(State, ((AggregatorSlot<TState, TResult>)other).State);
    }

    public TResult GetResult() => aggregator.GetResult(State);

    public override void WriteResult(Utf8JsonWriter writer) => JsonSerializer.Serialize(writer, GetResult(), aggregator.ResultTypeInfo);
}

/// <summary>A slot whose result has the type <typeparamref name="TResult"/>.</summary>
internal interface ITypedResult<out TResult>
{
    TResult GetResult();
}
