using System.Text;
using System.Text.Json;
using ImportErrorAnalytics.Testing;
using ImportErrorAnalytics.Tests.Shared;

namespace ImportErrorAnalytics.Tests.Testing.Schema;

/// <summary>
/// The synthetic generator's pages against HubSpot's published schema (<c>hubspot-imports-2026-03.json</c>, a copy of
/// HubSpot's OpenAPI document for the 2026-03 Imports API) and its enum lists: the full shape writes every required
/// field of the page, the error, <c>sourceData</c> and <c>invalidPropertyValue</c>, with the declared types, int32 and
/// int64 ranges and enum values, and no field the schema does not name.
/// </summary>
[Slow(SlowKind.Heavy)]
public class GeneratedPagesSchemaTests
{
    private const string PageSchema = "CollectionResponsePublicImportErrorForwardPaging";

    private static readonly Lazy<JsonDocument> Document = new(OpenApiSchemaChecker.LoadPublishedDocument);

    private static OpenApiSchemaChecker Checker() => new(Document.Value.RootElement, OpenApiSchemaChecker.LoadEnumLists());

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void FullShape_EveryPageFollowsThePublishedSchema(bool rowData, bool errorMessage)
    {
        var import = new SyntheticImport(new SyntheticImportOptions
        {
            Seed = 11, Errors = 6_000, Files = 2, UnknownTypeRate = 0, LargeValueRate = 0.005, LargeValueLength = 3_000, SensitiveRate = 0.05,
            IncludeRowData = rowData, IncludeErrorMessage = errorMessage,
        });

        var violations = CheckPages(import.ToPageBytes(500));

        Assert.True(violations.Count == 0, string.Join("\n", violations.Take(20)));
    }

    [Fact]
    public void FullShape_WritesEveryRequiredFieldOfEachLevel()
    {
        var page = Pages(new SyntheticImport(new SyntheticImportOptions { Seed = 3, Errors = 400 }).ToPageBytes(400)).Single();
        var schemas = Document.Value.RootElement.GetProperty("components").GetProperty("schemas");
        var withProperty = page.RootElement.GetProperty("results").EnumerateArray().First(e => e.TryGetProperty("invalidPropertyValue", out _));

        AssertHasRequired(schemas, "PublicImportError", withProperty, 4);
        AssertHasRequired(schemas, "ImportRowCore", withProperty.GetProperty("sourceData"), 5);
        AssertHasRequired(schemas, "PropertyValue", withProperty.GetProperty("invalidPropertyValue"), 20);
        AssertHasRequired(schemas, "MaskedSubstrings", withProperty.GetProperty("invalidPropertyValue").GetProperty("maskedSubstrings"), 1);
    }

    [Fact]
    public void DefaultOptions_DepartOnlyByTheDeliberatelyNewerErrorTypes()
    {
        var import = new SyntheticImport(new SyntheticImportOptions { Seed = 5, Errors = 20_000, UnknownTypeRate = 0.01 });

        var violations = CheckPages(import.ToPageBytes(1_000));

        Assert.NotEmpty(violations);
        Assert.All(violations, v =>
        {
            Assert.Equal("$.results.errorType", v.Field);
            Assert.Equal("enum", v.Rule);
            Assert.Matches("'(AI_ENRICHMENT_CONFLICT|CONSENT_STATE_UNRESOLVED)'", v.Detail);
        });
    }

    [Fact]
    public void LeanShape_LacksTheRequiredFieldsTheAnalysisDoesNotRead()
    {
        var import = new SyntheticImport(new SyntheticImportOptions { Seed = 5, Errors = 2_000, UnknownTypeRate = 0, Shape = SyntheticShape.Lean });

        var missing = CheckPages(import.ToPageBytes(500)).Where(v => v.Rule == "required").Select(v => v.Field).ToHashSet();

        Assert.Contains("$.results.sourceData.additionalRowData", missing);
        Assert.Contains("$.results.invalidPropertyValue.requestId", missing);
        Assert.Contains("$.results.invalidPropertyValue.maskedSubstrings", missing);
    }

    [Fact]
    public void WrittenPageFiles_FollowTheSchemaToo()
    {
        var directory = Directory.CreateTempSubdirectory("iea-schema-");
        try
        {
            var pages = new SyntheticImport(new SyntheticImportOptions { Seed = 9, Errors = 1_234, UnknownTypeRate = 0 }).WritePageFiles(directory.FullName, 500, indented: false);

            var files = directory.GetFiles("*.json").OrderBy(f => f.Name, StringComparer.Ordinal).ToArray();
            var violations = files.SelectMany(f => CheckPages(File.ReadAllBytes(f.FullName))).ToList();

            Assert.Equal(3, pages);
            Assert.Equal(["page-00001.json", "page-00002.json", "page-00003.json"], files.Select(f => f.Name));
            Assert.True(violations.Count == 0, string.Join("\n", violations.Take(20)));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void TheEnumListsEqualTheDocumentsEnums()
    {
        var checker = Checker();
        var lists = OpenApiSchemaChecker.LoadEnumLists();

        Assert.Equal(checker.DocumentEnum("PublicImportError", "errorType"), lists["PublicImportError.errorType"]);
        Assert.Equal(checker.DocumentEnum("PublicImportError", "objectType"), lists["PublicImportError.objectType"]);
        Assert.Equal(checker.DocumentEnum("PropertyValue", "source"), lists["PropertyValue.source"]);
        Assert.Equal(checker.DocumentEnum("PropertyValue", "dataSensitivity"), lists["PropertyValue.dataSensitivity"]);
        Assert.Equal(68, lists["PublicImportError.errorType"].Count);
        Assert.Equal(119, lists["PropertyValue.source"].Count);
    }

    /// <summary>The checker is no test that cannot fail: each kind of damage to a valid error is reported where it is.</summary>
    [Theory]
    [InlineData("\"errorType\":\"INVALID_EMAIL\"", "\"errorType\":\"INVALID_EMAILS\"", "$.results[0].errorType", "enum")]
    [InlineData("\"dataSensitivity\":\"none\"", "\"dataSensitivity\":\"low\"", "$.results[0].invalidPropertyValue.dataSensitivity", "enum")]
    [InlineData("\"source\":\"IMPORT\"", "\"source\":\"CSV\"", "$.results[0].invalidPropertyValue.source", "enum")]
    [InlineData("\"lineNumber\":", "\"lineNumber\":2147483648,\"x\":", "$.results[0].sourceData.lineNumber", "format")]
    [InlineData("\"knownColumnNumber\":3", "\"knownColumnNumber\":3.5", "$.results[0].knownColumnNumber", "type")]
    [InlineData("\"isEncrypted\":false", "\"isEncrypted\":\"false\"", "$.results[0].invalidPropertyValue.isEncrypted", "type")]
    [InlineData("\"requestId\":", "\"requestID\":", "$.results[0].invalidPropertyValue.requestId", "required")]
    [InlineData("\"requestId\":", "\"requestID\":", "$.results[0].invalidPropertyValue.requestID", "undeclared")]
    [InlineData("\"additionalRowData\":[]", "\"additionalRowData\":[1]", "$.results[0].sourceData.additionalRowData[0]", "type")]
    [InlineData("\"sourceVid\":[", "\"sourceVid\":[\"1\"],\"x\":[", "$.results[0].invalidPropertyValue.sourceVid[0]", "type")]
    [InlineData("\"createdAt\":", "\"createdAt\":null,\"x\":", "$.results[0].createdAt", "type")]
    public void TheChecker_ReportsEachKindOfDamage(string find, string replace, string path, string rule)
    {
        var error = new SyntheticImport(new SyntheticImportOptions { Seed = 1, Errors = 40, UnknownTypeRate = 0, SensitiveRate = 0 })
            .Generate().First(e => e.ErrorType == "INVALID_EMAIL");
        var json = Encoding.UTF8.GetString(PageOf(error));
        Assert.Empty(CheckPages(Encoding.UTF8.GetBytes(json)));
        Assert.Contains(find, json, StringComparison.Ordinal);

        var damaged = json.Replace(find, replace, StringComparison.Ordinal);

        Assert.Contains(CheckPages(Encoding.UTF8.GetBytes(damaged)), v => v.Path == path && v.Rule == rule);
    }

    private static void AssertHasRequired(JsonElement schemas, string schema, JsonElement value, int expected)
    {
        var required = schemas.GetProperty(schema).GetProperty("required").EnumerateArray().Select(r => r.GetString()!).ToList();
        Assert.Equal(expected, required.Count);
        Assert.All(required, name => Assert.True(value.TryGetProperty(name, out _), $"{schema}.{name} is missing"));
    }

    private static byte[] PageOf(SyntheticError error)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            ErrorJsonWriter.WritePage(writer, [error], null);
        }

        return stream.ToArray();
    }

    private static List<SchemaViolation> CheckPages(byte[] pages)
    {
        var checker = Checker();
        var violations = new List<SchemaViolation>();
        foreach (var page in Pages(pages))
        {
            using (page)
            {
                violations.AddRange(checker.Check(page.RootElement, PageSchema));
            }
        }

        return violations;
    }

    /// <summary>Consecutive pages (as <c>ToPageBytes</c> writes them), one document each.</summary>
    private static List<JsonDocument> Pages(byte[] pages)
    {
        var documents = new List<JsonDocument>();
        var reader = new Utf8JsonReader(pages, new JsonReaderOptions { AllowMultipleValues = true });
        while (reader.Read())
        {
            documents.Add(JsonDocument.ParseValue(ref reader));
        }

        return documents;
    }
}
