using System.Text.Json;
using ImportErrorAnalytics.Reporting;
using ImportErrorAnalytics.Testing;
using ImportErrorAnalytics.Tests.Support;

namespace ImportErrorAnalytics.Tests.Reporting;

/// <summary>The JSON report keeps the documented contract (schema version 3): names, nesting, nulls.</summary>
public class JsonReportContractTests
{
    /// <summary>The asynchronous writer gives the string's bytes (the contract generates serialization code only, which the asynchronous serializer cannot run).</summary>
    [Fact]
    public async Task WriteAsync_WritesTheUtf8BytesOfToJson()
    {
        var bytes = new SyntheticImport(new SyntheticImportOptions { Seed = 11, Errors = 2_000 }).ToPageBytes(100);
        var report = await AnalyzerRuns.Builder([("p.json", bytes, ImportErrorAnalytics.Parsing.InputFormat.Pages)]).Build().RunAsync();
        using var written = new MemoryStream();

        await JsonReport.WriteAsync(report, written);

        Assert.Equal(System.Text.Encoding.UTF8.GetBytes(JsonReport.ToJson(report)), written.ToArray());
        Assert.Equal(JsonReport.ToUtf8Bytes(report), written.ToArray());
        Assert.True(written.CanWrite, "the destination is left open");
    }

    [Fact]
    public async Task Report_HasTheDocumentedShape()
    {
        var page = JsonText.Page(
        [
            new SyntheticError { Id = "a", ErrorType = "INVALID_EMAIL", ObjectType = "CONTACT", KnownColumnNumber = 3, PropertyName = "email", DataSensitivity = "none", InvalidValue = "bob@", FileId = 184448894240, LineNumber = 10 },
            new SyntheticError { Id = "b", ErrorType = "INCORRECT_NUMBER_OF_COLUMNS", FileId = 184448894240, LineNumber = 0 },
        ],
        null);
        var report = await AnalyzerRuns.Builder([("p.json", page, ImportErrorAnalytics.Parsing.InputFormat.Pages)]).Build().RunAsync();

        using var json = JsonDocument.Parse(JsonReport.ToJson(report));
        var root = json.RootElement;
        Assert.Equal(3, root.GetProperty("schemaVersion").GetInt32());
        Assert.False(root.GetProperty("settings").GetProperty("maskValues").GetBoolean());
        Assert.False(root.GetProperty("settings").GetProperty("showStandardSensitivity").GetBoolean());
        Assert.False(root.TryGetProperty("perImport", out _), "only a combined report of several imports has perImport");
        Assert.Equal(2, root.GetProperty("totals").GetProperty("errors").GetInt64());
        Assert.Equal(1, root.GetProperty("totals").GetProperty("pages").GetInt64());
        Assert.Equal("INCORRECT_NUMBER_OF_COLUMNS", root.GetProperty("errorTypes")[0].GetProperty("errorType").GetString());
        var column = root.GetProperty("columns").EnumerateArray().Single(c => c.GetProperty("column").ValueKind == JsonValueKind.Number);
        Assert.Equal("email", column.GetProperty("property").GetString());
        Assert.Equal("INVALID_EMAIL", column.GetProperty("errorTypes")[0].GetProperty("errorType").GetString());
        var unknownColumn = root.GetProperty("columns").EnumerateArray().Single(c => c.GetProperty("column").ValueKind == JsonValueKind.Null);
        Assert.Equal(JsonValueKind.Null, unknownColumn.GetProperty("property").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("objectTypes").EnumerateArray().Single(o => o.GetProperty("count").GetInt64() == 1 && o.GetProperty("objectType").ValueKind == JsonValueKind.Null).GetProperty("objectType").ValueKind);
        var top = root.GetProperty("topInvalidValues")[0];
        Assert.True(top.GetProperty("exact").GetBoolean());
        Assert.Equal(1, top.GetProperty("distinctValues").GetInt64());
        var value = top.GetProperty("values")[0];
        Assert.Equal(("bob@", 1, 0, false, 4), (value.GetProperty("value").GetString(), value.GetProperty("count").GetInt64(), value.GetProperty("maxError").GetInt64(), value.GetProperty("truncated").GetBoolean(), value.GetProperty("length").GetInt32()));
        var file = root.GetProperty("lineClusters")[0];
        Assert.Equal(184448894240, file.GetProperty("fileId").GetInt64());
        Assert.Equal(1, file.GetProperty("fileWideErrors").GetInt64());
        Assert.Equal(1, file.GetProperty("clusterCount").GetInt32());
        var cluster = file.GetProperty("clusters")[0];
        Assert.Equal((10, 10, 1, 1), (cluster.GetProperty("firstLine").GetInt32(), cluster.GetProperty("lastLine").GetInt32(), cluster.GetProperty("lines").GetInt32(), cluster.GetProperty("errors").GetInt64()));
    }

    [Fact]
    public async Task SensitiveValues_NeverAppearInTheReport()
    {
        const string secret = "ssn-078-05-1120";
        var page = JsonText.Page(
        [
            new SyntheticError { Id = "a", KnownColumnNumber = 1, InvalidValue = secret, DataSensitivity = "high" },
            new SyntheticError { Id = "b", KnownColumnNumber = 1, InvalidValueToDisplay = secret, IsEncrypted = true },
            new SyntheticError { Id = "c", KnownColumnNumber = 2, InvalidValue = secret, ContainsEncryptedProperties = true },
        ],
        null);

        var report = await AnalyzerRuns.Builder([("p.json", page, ImportErrorAnalytics.Parsing.InputFormat.Pages)]).Build().RunAsync();
        var json = JsonReport.ToJson(report);

        Assert.DoesNotContain(secret, json, StringComparison.Ordinal);
        Assert.Equal(3, report.Totals.RedactedValues);
        Assert.All(report.TopInvalidValues.SelectMany(c => c.Values), v => Assert.Equal(("[REDACTED]", true, (int?)null), (v.Value, v.Redacted, v.Length)));
        Assert.Contains("\"length\": null", json, StringComparison.Ordinal);
    }
}
