using System.Text.Json.Serialization;

namespace ImportErrorAnalytics.Reporting;

/// <summary>The source-generated JSON contract of the report (no reflection at run time).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(ImportErrorReport))]
internal sealed partial class ReportJsonContext : JsonSerializerContext;
