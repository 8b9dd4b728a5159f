using System.Text.Json.Serialization;

namespace ImportErrorAnalytics.Peers.Answers;

/// <summary>Source-generated JSON for a peer's answers, as <c>iea-peers duckdb --out</c> writes them.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(PeerAnswers))]
[JsonSerializable(typeof(string))]
public sealed partial class AnswersJsonContext : JsonSerializerContext;
