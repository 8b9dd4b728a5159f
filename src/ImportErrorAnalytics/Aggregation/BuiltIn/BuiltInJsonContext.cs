using System.Text.Json.Serialization;
using ImportErrorAnalytics.Reporting;

namespace ImportErrorAnalytics.Aggregation.BuiltIn;

/// <summary>JSON contracts of the built-in aggregators' results.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(TotalsState))]
[JsonSerializable(typeof(IReadOnlyList<ErrorTypeCount>))]
[JsonSerializable(typeof(IReadOnlyList<ObjectTypeCount>))]
[JsonSerializable(typeof(IReadOnlyList<ColumnSummary>))]
[JsonSerializable(typeof(IReadOnlyList<ColumnTopValues>))]
[JsonSerializable(typeof(IReadOnlyList<FileLineClusters>))]
internal sealed partial class BuiltInJsonContext : JsonSerializerContext;
