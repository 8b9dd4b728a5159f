using System.Text.Json.Serialization;
using ImportErrorAnalytics.Reporting;
using ImportErrorAnalytics.Model;

namespace ImportErrorAnalytics.Snapshots;

/// <summary>The snapshot's source-generated JSON contracts; reading refuses nulls where the model has none.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, RespectNullableAnnotations = true)]
[JsonSerializable(typeof(SkippedInput))]
[JsonSerializable(typeof(HubSpotImport))]
internal sealed partial class SnapshotJsonContext : JsonSerializerContext;
