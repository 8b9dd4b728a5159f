using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ImportErrorAnalytics.Aggregation.BuiltIn;
using ImportErrorAnalytics.Reporting;

namespace ImportErrorAnalytics.Comparison;

/// <summary>
/// Reads a JSON report (schema version <see cref="ImportErrorReport.CurrentSchemaVersion"/>) back into an
/// <see cref="ImportErrorReport"/>, for comparing: the tables through the built-in aggregators' contracts, the rest
/// through <see cref="ReportReadJsonContext"/>; custom results are kept as the JSON they were written as.
/// </summary>
internal static class JsonReportReader
{
    /// <summary>The report in <paramref name="utf8"/>.</summary>
    /// <param name="utf8">The file's bytes.</param>
    /// <param name="name">The file's name, for messages.</param>
    /// <exception cref="ReportFormatException">The bytes are not a JSON report this version reads.</exception>
    public static ImportErrorReport Read(ReadOnlyMemory<byte> utf8, string name)
    {
        try
        {
            using var document = JsonDocument.Parse(utf8, new JsonDocumentOptions { MaxDepth = 64 });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("schemaVersion", out var version) || version.ValueKind != JsonValueKind.Number)
            {
                throw new ReportFormatException($"'{name}' is neither an iea snapshot nor a JSON report of iea: it has no 'schemaVersion'.");
            }

            if (!version.TryGetInt32(out var schema) || schema != ImportErrorReport.CurrentSchemaVersion)
            {
                throw new ReportFormatException(string.Create(CultureInfo.InvariantCulture, $"'{name}' is a JSON report of schema version {version.GetRawText()}; this version of iea compares version {ImportErrorReport.CurrentSchemaVersion} (write the report again with this iea)."));
            }

            return new ImportErrorReport
            {
                SchemaVersion = schema,
                Complete = root.TryGetProperty("complete", out var complete) ? complete.GetBoolean() : true,
                Sources = Part(root, "sources", ReportReadJsonContext.Default.IReadOnlyListReportSource, name),
                Totals = Part(root, "totals", ReportReadJsonContext.Default.ReportTotals, name),
                Settings = Part(root, "settings", ReportReadJsonContext.Default.ReportSettings, name),
                ErrorTypes = Part(root, "errorTypes", BuiltInJsonContext.Default.IReadOnlyListErrorTypeCount, name),
                Columns = Part(root, "columns", BuiltInJsonContext.Default.IReadOnlyListColumnSummary, name),
                ObjectTypes = Part(root, "objectTypes", BuiltInJsonContext.Default.IReadOnlyListObjectTypeCount, name),
                TopInvalidValues = Part(root, "topInvalidValues", BuiltInJsonContext.Default.IReadOnlyListColumnTopValues, name),
                LineClusters = Part(root, "lineClusters", BuiltInJsonContext.Default.IReadOnlyListFileLineClusters, name),
                Skipped = [],
                Custom = Custom(root),
            };
        }
        catch (JsonException ex)
        {
            var where = ex.BytePositionInLine is { } column && ex.LineNumber is { } line
                ? string.Create(CultureInfo.InvariantCulture, $" at line {line + 1}, byte {column + 1} of the line")
                : "";
            throw new ReportFormatException($"'{name}' is neither an iea snapshot nor a JSON report of iea{where}: {ex.Message}", ex);
        }
        catch (InvalidOperationException ex)
        {
            // JsonElement.GetBoolean and friends on a value of another kind.
            throw new ReportFormatException($"'{name}' is not a JSON report of iea: {ex.Message}", ex);
        }
    }

    private static T Part<T>(JsonElement root, string property, JsonTypeInfo<T> contract, string name)
    {
        if (!root.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            throw new ReportFormatException($"'{name}' is not a JSON report of iea: it has no '{property}'.");
        }

        return value.Deserialize(contract) ?? throw new ReportFormatException($"'{name}' is not a JSON report of iea: '{property}' is null.");
    }

    private static Dictionary<string, CustomAggregatorResult> Custom(JsonElement root)
    {
        var results = new Dictionary<string, CustomAggregatorResult>(StringComparer.Ordinal);
        if (root.TryGetProperty("custom", out var custom) && custom.ValueKind == JsonValueKind.Object)
        {
            foreach (var result in custom.EnumerateObject())
            {
                results[result.Name] = new CustomAggregatorResult(new SavedResult(result.Name, result.Value.Clone()));
            }
        }

        return results;
    }

    /// <summary>A custom aggregator's result as a report wrote it: its JSON, written again as it was; no typed value.</summary>
    private sealed class SavedResult(string name, JsonElement json) : IResultSource
    {
        public string Name => name;

        public void WriteResult(Utf8JsonWriter writer) => json.WriteTo(writer);

        public TResult? GetResultAs<TResult>() => default;
    }
}
