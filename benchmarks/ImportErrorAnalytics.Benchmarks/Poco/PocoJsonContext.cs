using System.Text.Json.Serialization;

namespace ImportErrorAnalytics.Benchmarks.Poco;

/// <summary>Source-generated contracts for the page POCOs (no reflection).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ErrorPageDto))]
public sealed partial class PocoJsonContext : JsonSerializerContext;
