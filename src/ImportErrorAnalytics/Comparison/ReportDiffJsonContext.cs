using System.Text.Json.Serialization;

namespace ImportErrorAnalytics.Comparison;

/// <summary>The source-generated JSON contract of the diff (written only).</summary>
[JsonSourceGenerationOptions(
    GenerationMode = JsonSourceGenerationMode.Serialization,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(ReportDiff))]
internal sealed partial class ReportDiffJsonContext : JsonSerializerContext;
