using System.Text.Json.Serialization;
using ImportErrorAnalytics.Reporting;

namespace ImportErrorAnalytics.Comparison;

/// <summary>The contracts that read the parts of a JSON report the built-in aggregators' contracts do not (<see cref="JsonReportReader"/>).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(IReadOnlyList<ReportSource>))]
[JsonSerializable(typeof(ReportTotals))]
[JsonSerializable(typeof(ReportSettings))]
internal sealed partial class ReportReadJsonContext : JsonSerializerContext;
