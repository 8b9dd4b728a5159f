using System.Text.Json;

namespace ImportErrorAnalytics.Reporting;

/// <summary>
/// Where a <see cref="CustomAggregatorResult"/> gets its name and value: an aggregator with its merged state. Declared
/// here so the report depends on no aggregation type (docs/architecture.md).
/// </summary>
internal interface IResultSource
{
    /// <summary>The aggregator's name.</summary>
    string Name { get; }

    /// <summary>Writes the result through the aggregator's JSON contract.</summary>
    void WriteResult(Utf8JsonWriter writer);

    /// <summary>The result when it is a <typeparamref name="TResult"/>, else <see langword="default"/>.</summary>
    TResult? GetResultAs<TResult>();
}
