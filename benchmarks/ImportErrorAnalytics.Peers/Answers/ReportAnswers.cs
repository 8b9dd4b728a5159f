using System.Text.Json;
using ImportErrorAnalytics.Reporting;

namespace ImportErrorAnalytics.Peers.Answers;

/// <summary>Reads iea's answers out of its JSON report (schema version 3), from a file or from the library's report object.</summary>
public static class ReportAnswers
{
    /// <summary>The answers of a report the library returned: written as the CLI writes it, then read.</summary>
    public static PeerAnswers From(ImportErrorReport report) => FromJson(JsonReport.ToJson(report));

    public static PeerAnswers FromFile(string path) => FromJson(File.ReadAllText(path));

    public static PeerAnswers FromJson(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (root.GetProperty("schemaVersion").GetInt32() != 3)
        {
            throw new InvalidDataException("Only reports of schema version 3 are read.");
        }

        if (!root.GetProperty("complete").GetBoolean() || root.TryGetProperty("otherRows", out _) || root.GetProperty("skipped").GetArrayLength() > 0)
        {
            throw new InvalidDataException("The report is partial, skipped input or has other rows: it cannot be compared key by key.");
        }

        var totals = root.GetProperty("totals");
        return new PeerAnswers
        {
            Errors = totals.GetProperty("errors").GetInt64(),
            RedactedValues = totals.GetProperty("redactedValues").GetInt64(),
            ErrorTypes = KeyCounts(root.GetProperty("errorTypes"), "errorType"),
            ObjectTypes = KeyCounts(root.GetProperty("objectTypes"), "objectType"),
            Columns = [.. root.GetProperty("columns").EnumerateArray().Select(c => new ColumnAnswer(
                NullableInt(c.GetProperty("column")),
                c.GetProperty("property").GetString(),
                c.GetProperty("count").GetInt64(),
                KeyCounts(c.GetProperty("errorTypes"), "errorType")))],
            TopValues = [.. root.GetProperty("topInvalidValues").EnumerateArray().Select(c => new ColumnValuesAnswer(
                NullableInt(c.GetProperty("column")),
                c.GetProperty("exact").GetBoolean(),
                c.GetProperty("valuesCounted").GetInt64(),
                c.GetProperty("distinctValues").ValueKind == JsonValueKind.Null ? null : c.GetProperty("distinctValues").GetInt64(),
                [.. c.GetProperty("values").EnumerateArray().Select(Value)]))],
            Files = [.. root.GetProperty("lineClusters").EnumerateArray().Select(f => new FileAnswer(
                f.GetProperty("fileId").ValueKind == JsonValueKind.Null ? null : f.GetProperty("fileId").GetInt64(),
                f.GetProperty("errors").GetInt64(),
                f.GetProperty("fileWideErrors").GetInt64(),
                f.GetProperty("errorsWithoutLine").GetInt64(),
                f.GetProperty("lines").GetInt64(),
                f.GetProperty("clusterCount").GetInt32(),
                [.. f.GetProperty("clusters").EnumerateArray().Select(c => new ClusterAnswer(
                    c.GetProperty("firstLine").GetInt32(),
                    c.GetProperty("lastLine").GetInt32(),
                    c.GetProperty("lines").GetInt32(),
                    c.GetProperty("errors").GetInt64()))]))],
        };
    }

    /// <summary>The report's settings a peer must compute with: top values per column, the cluster gap, the display length.</summary>
    public static (int Top, int ClusterGap, int DisplayLength, bool ShowStandardSensitivity) Settings(string json)
    {
        using var document = JsonDocument.Parse(json);
        var settings = document.RootElement.GetProperty("settings");
        if (settings.GetProperty("maxClusters").ValueKind != JsonValueKind.Null || settings.GetProperty("maskValues").GetBoolean())
        {
            throw new InvalidDataException("The report cuts its clusters or masks its values: run iea without --max-clusters and --redact-values.");
        }

        return (settings.GetProperty("top").GetInt32(), settings.GetProperty("clusterGap").GetInt32(), settings.GetProperty("valueDisplayLength").GetInt32(),
            settings.GetProperty("showStandardSensitivity").GetBoolean());
    }

    private static ValueAnswer Value(JsonElement v)
    {
        var redacted = v.GetProperty("redacted").GetBoolean();
        return new ValueAnswer(
            redacted ? null : v.GetProperty("value").GetString(),
            redacted ? null : v.GetProperty("length").GetInt32(),
            v.GetProperty("count").GetInt64(),
            v.GetProperty("maxError").GetInt64());
    }

    private static List<KeyCount> KeyCounts(JsonElement array, string key) =>
        [.. array.EnumerateArray().Select(e => new KeyCount(e.GetProperty(key).GetString(), e.GetProperty("count").GetInt64()))];

    private static int? NullableInt(JsonElement e) => e.ValueKind == JsonValueKind.Null ? null : e.GetInt32();
}
