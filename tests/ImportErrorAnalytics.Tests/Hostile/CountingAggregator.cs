using System.Text.Json.Serialization.Metadata;
using ImportErrorAnalytics.Aggregation;
using ImportErrorAnalytics.Model;
using ImportErrorAnalytics.Tests.Pipeline;

namespace ImportErrorAnalytics.Tests.Hostile;

/// <summary>
/// Counts errors in its states, as any aggregator does, and also every record it was ever given, in states that were
/// kept or not: more given than counted means some states (a page's dropped staging) never reached the report.
/// </summary>
internal sealed class CountingAggregator : IErrorAggregator<CountResult, CountResult>
{
    private long _added;

    public string Name => "counting";

    public long Added => Interlocked.Read(ref _added);

    public JsonTypeInfo<CountResult> ResultTypeInfo => CustomResultContext.Default.CountResult;

    public CountResult CreateState() => new();

    public void Add(CountResult state, in ImportErrorRecord record)
    {
        state.Count++;
        Interlocked.Increment(ref _added);
    }

    public void Merge(CountResult into, CountResult other) => into.Count += other.Count;

    public CountResult GetResult(CountResult state) => state;
}
