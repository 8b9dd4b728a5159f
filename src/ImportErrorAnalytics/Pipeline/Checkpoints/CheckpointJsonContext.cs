using System.Text.Json.Serialization;
using ImportErrorAnalytics.Model;

namespace ImportErrorAnalytics.Pipeline.Checkpoints;

/// <summary>The checkpoint's source-generated JSON contracts.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(HubSpotImport))]
internal sealed partial class CheckpointJsonContext : JsonSerializerContext;
