using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ImportErrorAnalytics.Aggregation;
using ImportErrorAnalytics.Model;
using ImportErrorAnalytics.Tests.Pipeline;

namespace ImportErrorAnalytics.Tests.Support;

/// <summary>A custom aggregator that can save its state (so snapshots take it), at a chosen state version.</summary>
internal sealed class SavedCountAggregator(string name = "savedCount", int stateVersion = 1)
    : IErrorAggregator<CountResult, CountResult>, IPersistentErrorAggregator<CountResult>
{
    public string Name => name;

    public JsonTypeInfo<CountResult> ResultTypeInfo => CustomResultContext.Default.CountResult;

    public int StateVersion => stateVersion;

    public CountResult CreateState() => new();

    public void Add(CountResult state, in ImportErrorRecord record) => state.Count++;

    public void Merge(CountResult into, CountResult other) => into.Count += other.Count;

    public CountResult GetResult(CountResult state) => state;

    public void WriteState(CountResult state, Utf8JsonWriter writer) => writer.WriteNumberValue(state.Count);

    public CountResult ReadState(JsonElement json) => new() { Count = json.GetInt64() };
}
