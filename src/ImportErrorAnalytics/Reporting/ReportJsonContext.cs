using System.Text.Json.Serialization;

namespace ImportErrorAnalytics.Reporting;

/// <summary>
/// The source-generated JSON contract of the report (no reflection at run time). The report is only written, so only
/// the serialization code is generated: it writes through <c>Utf8JsonWriter</c> directly, without building the per-property
/// metadata the serializer would otherwise create (and compile, generic method by generic method) at the first report.
/// That code runs in the synchronous serializer only: the asynchronous one needs the metadata (see <see cref="JsonReport.WriteAsync"/>).
/// </summary>
[JsonSourceGenerationOptions(
    GenerationMode = JsonSourceGenerationMode.Serialization,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(ImportErrorReport))]
internal sealed partial class ReportJsonContext : JsonSerializerContext;
