using System.Text.Json;
using ImportErrorAnalytics.Aggregation;
using ImportErrorAnalytics.Model;

namespace ImportErrorAnalytics.Orleans.Tests.Aggregation;

/// <summary>Errors per (object type, error type): an <c>[ErrorAggregator]</c> the silos register through the generated <c>AddGeneratedAggregators()</c>.</summary>
[ErrorAggregator("errorTypesPerObjectType")]
public sealed partial class ErrorTypesPerObjectType : IErrorAggregator<PairCounts, ObjectErrorTypes>, IPersistentErrorAggregator<PairCounts>
{
    public PairCounts CreateState() => new();

    public void Add(PairCounts state, in ImportErrorRecord record)
    {
        var key = (record.ObjectType ?? "", record.ErrorType ?? "");
        state.Counts[key] = state.Counts.GetValueOrDefault(key) + 1;
    }

    public void Merge(PairCounts into, PairCounts other)
    {
        foreach (var pair in other.Counts)
        {
            into.Counts[pair.Key] = into.Counts.GetValueOrDefault(pair.Key) + pair.Value;
        }
    }

    public ObjectErrorTypes GetResult(PairCounts state) => new()
    {
        Counts = [.. state.Counts
            .Select(pair => new PairCount { Pair = $"{pair.Key.ObjectType}/{pair.Key.ErrorType}", Errors = pair.Value })
            .OrderBy(count => count.Pair, StringComparer.Ordinal)],
    };

    public void WriteState(PairCounts state, Utf8JsonWriter writer)
    {
        writer.WriteStartArray();
        foreach (var pair in state.Counts)
        {
            writer.WriteStartArray();
            writer.WriteStringValue(pair.Key.ObjectType);
            writer.WriteStringValue(pair.Key.ErrorType);
            writer.WriteNumberValue(pair.Value);
            writer.WriteEndArray();
        }

        writer.WriteEndArray();
    }

    public PairCounts ReadState(JsonElement json)
    {
        var state = new PairCounts();
        foreach (var item in json.EnumerateArray())
        {
            state.Counts[(item[0].GetString()!, item[1].GetString()!)] = item[2].GetInt64();
        }

        return state;
    }
}

/// <summary>The state of <see cref="ErrorTypesPerObjectType"/>.</summary>
public sealed class PairCounts
{
    public Dictionary<(string ObjectType, string ErrorType), long> Counts { get; } = [];
}

/// <summary>What <see cref="ErrorTypesPerObjectType"/> reports: errors per <c>objectType/errorType</c>, in key order.</summary>
public sealed class ObjectErrorTypes
{
    public List<PairCount> Counts { get; set; } = [];
}

/// <summary>The errors of one <c>objectType/errorType</c>.</summary>
public sealed class PairCount
{
    public string Pair { get; set; } = "";

    public long Errors { get; set; }
}
