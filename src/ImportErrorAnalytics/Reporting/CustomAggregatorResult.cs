using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImportErrorAnalytics.Reporting;

/// <summary>The result of a custom aggregator, written to JSON through the aggregator's own contract.</summary>
[JsonConverter(typeof(CustomAggregatorResultConverter))]
public sealed class CustomAggregatorResult
{
    private readonly IResultSource _source;

    internal CustomAggregatorResult(IResultSource source) => _source = source;

    /// <summary>The aggregator's name.</summary>
    public string Name => _source.Name;

    /// <summary>Writes the result as JSON.</summary>
    /// <param name="writer">The destination.</param>
    public void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        _source.WriteResult(writer);
    }

    /// <summary>The result, typed: <see langword="null"/> when <typeparamref name="TResult"/> is not the aggregator's result type.</summary>
    /// <typeparam name="TResult">The aggregator's result type.</typeparam>
    public TResult? GetValue<TResult>() => _source.GetResultAs<TResult>();
}

/// <summary>Writes a custom result through the aggregator's <c>JsonTypeInfo</c>.</summary>
internal sealed class CustomAggregatorResultConverter : JsonConverter<CustomAggregatorResult>
{
    public override CustomAggregatorResult Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("Custom aggregator results are write-only.");

    public override void Write(Utf8JsonWriter writer, CustomAggregatorResult value, JsonSerializerOptions options) => value.WriteTo(writer);
}
