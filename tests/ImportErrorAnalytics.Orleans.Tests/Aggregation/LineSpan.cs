using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using ImportErrorAnalytics.Aggregation;
using ImportErrorAnalytics.Model;

namespace ImportErrorAnalytics.Orleans.Tests.Aggregation;

/// <summary>The errors that name a line, and the first and last line named: an aggregator the silos register by its type (no attribute).</summary>
public sealed class LineSpan : IErrorAggregator<LineSpanState, LineSpanResult>, IPersistentErrorAggregator<LineSpanState>
{
    public const string AggregatorName = "lineSpan";

    public string Name => AggregatorName;

    public JsonTypeInfo<LineSpanResult> ResultTypeInfo => LineSpanJson.Default.LineSpanResult;

    public LineSpanState CreateState() => new();

    public void Add(LineSpanState state, in ImportErrorRecord record)
    {
        if (record.LineNumber is { } line)
        {
            state.WithLine++;
            state.First = Math.Min(state.First, line);
            state.Last = Math.Max(state.Last, line);
        }
    }

    public void Merge(LineSpanState into, LineSpanState other)
    {
        into.WithLine += other.WithLine;
        into.First = Math.Min(into.First, other.First);
        into.Last = Math.Max(into.Last, other.Last);
    }

    public LineSpanResult GetResult(LineSpanState state) =>
        new(state.WithLine, state.WithLine == 0 ? null : state.First, state.WithLine == 0 ? null : state.Last);

    public void WriteState(LineSpanState state, Utf8JsonWriter writer)
    {
        writer.WriteStartArray();
        writer.WriteNumberValue(state.WithLine);
        writer.WriteNumberValue(state.First);
        writer.WriteNumberValue(state.Last);
        writer.WriteEndArray();
    }

    public LineSpanState ReadState(JsonElement json) =>
        new() { WithLine = json[0].GetInt64(), First = json[1].GetInt32(), Last = json[2].GetInt32() };
}

/// <summary>The state of <see cref="LineSpan"/>.</summary>
public sealed class LineSpanState
{
    public long WithLine { get; set; }

    public int First { get; set; } = int.MaxValue;

    public int Last { get; set; } = int.MinValue;
}

/// <summary>What <see cref="LineSpan"/> reports.</summary>
public sealed record LineSpanResult(long WithLine, int? First, int? Last);

[JsonSerializable(typeof(LineSpanResult))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
internal sealed partial class LineSpanJson : JsonSerializerContext;
