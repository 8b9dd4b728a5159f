using System.Globalization;
using System.Reflection;
using System.Text.Json;

namespace ImportErrorAnalytics.Tests.Testing.Schema;

/// <summary>
/// Checks JSON against a schema of HubSpot's published OpenAPI document, for the subset of OpenAPI 3.0 / JSON Schema
/// that document uses: <c>$ref</c> to <c>#/components/schemas/...</c>, <c>type</c> (object, array, string, integer,
/// number, boolean), <c>format</c> (int32 and int64 ranges, date-time, uuid), <c>required</c>, <c>properties</c>,
/// <c>items</c>, <c>additionalProperties</c> and <c>enum</c>. Enums are taken from HubSpot's enum list (the file the
/// library embeds, by <c>Schema.field</c> heading) where it has the field, else from the document. With
/// <see cref="NoUndeclaredProperties"/>, a property the schema does not name is reported too (a misspelt field).
/// OpenAPI 3.0 has no <c>null</c> type: a null where a value is declared is reported, as the document's types say.
/// </summary>
internal sealed class OpenApiSchemaChecker
{
    private const string RefPrefix = "#/components/schemas/";

    private readonly JsonElement _schemas;
    private readonly IReadOnlyDictionary<string, IReadOnlyList<string>> _enumLists;

    public OpenApiSchemaChecker(JsonElement document, IReadOnlyDictionary<string, IReadOnlyList<string>> enumLists)
    {
        _schemas = document.GetProperty("components").GetProperty("schemas");
        _enumLists = enumLists;
    }

    /// <summary>Report a property no schema names.</summary>
    public bool NoUndeclaredProperties { get; init; } = true;

    /// <summary>HubSpot's document, a copy kept beside this file (embedded in the test assembly).</summary>
    public static JsonDocument LoadPublishedDocument() => JsonDocument.Parse(Resource("ImportErrorAnalytics.Tests.hubspot-imports-2026-03.json"));

    /// <summary>HubSpot's enum lists as the library embeds them: <c>PublicImportError.errorType</c> -> values.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> LoadEnumLists()
    {
        var text = Resource("ImportErrorAnalytics.hubspot-enums.txt", typeof(ImportErrorAnalytics.Model.HubSpotNames).Assembly);
        var lists = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        List<string>? current = null;
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith("### ", StringComparison.Ordinal))
            {
                current = [];
                lists[line[4..].Split(' ', 2)[0]] = current;
            }
            else if (current is not null && line.Trim().Length > 0)
            {
                current.Add(line.Trim());
            }
        }

        return lists;
    }

    /// <summary>The enum of <paramref name="schemaName"/>.<paramref name="property"/> as the document states it.</summary>
    public IReadOnlyList<string> DocumentEnum(string schemaName, string property) =>
        [.. _schemas.GetProperty(schemaName).GetProperty("properties").GetProperty(property).GetProperty("enum").EnumerateArray().Select(e => e.GetString()!)];

    /// <summary>Every violation of <paramref name="value"/> against the named schema, each as "path: what".</summary>
    public List<SchemaViolation> Check(JsonElement value, string schemaName)
    {
        var violations = new List<SchemaViolation>();
        CheckNamed(value, schemaName, "$", violations);
        return violations;
    }

    private void CheckNamed(JsonElement value, string schemaName, string path, List<SchemaViolation> violations) =>
        Check(value, _schemas.GetProperty(schemaName), schemaName, null, path, violations);

    private void Check(JsonElement value, JsonElement schema, string? schemaName, string? fieldKey, string path, List<SchemaViolation> violations)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            var target = reference.GetString()!;
            if (!target.StartsWith(RefPrefix, StringComparison.Ordinal))
            {
                throw new NotSupportedException($"$ref '{target}' at {path}: only {RefPrefix}... is supported.");
            }

            CheckNamed(value, target[RefPrefix.Length..], path, violations);
            return;
        }

        if (!schema.TryGetProperty("type", out var typeElement))
        {
            return;
        }

        var type = typeElement.GetString();
        if (!HasType(value, type))
        {
            violations.Add(new(path, "type", $"expected {type}, found {value.ValueKind}"));
            return;
        }

        switch (type)
        {
            case "object":
                CheckObject(value, schema, schemaName, path, violations);
                break;
            case "array" when schema.TryGetProperty("items", out var items):
                var index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    Check(item, items, null, null, $"{path}[{index++}]", violations);
                }

                break;
            case "integer":
                CheckFormat(value, schema, path, violations);
                break;
            case "string":
                CheckString(value, schema, fieldKey, path, violations);
                break;
        }
    }

    private void CheckObject(JsonElement value, JsonElement schema, string? schemaName, string path, List<SchemaViolation> violations)
    {
        if (schema.TryGetProperty("required", out var required))
        {
            foreach (var name in required.EnumerateArray().Select(r => r.GetString()!))
            {
                if (!value.TryGetProperty(name, out _))
                {
                    violations.Add(new($"{path}.{name}", "required", "missing"));
                }
            }
        }

        var properties = schema.TryGetProperty("properties", out var declared) ? declared : default;
        var additional = schema.TryGetProperty("additionalProperties", out var extra) ? extra : default;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in value.EnumerateObject())
        {
            var propertyPath = $"{path}.{property.Name}";
            if (!seen.Add(property.Name))
            {
                violations.Add(new(propertyPath, "duplicate", "the property appears twice"));
            }

            if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(property.Name, out var propertySchema))
            {
                Check(property.Value, propertySchema, null, schemaName is null ? null : $"{schemaName}.{property.Name}", propertyPath, violations);
            }
            else if (additional.ValueKind == JsonValueKind.Object)
            {
                Check(property.Value, additional, null, null, propertyPath, violations);
            }
            else if (additional.ValueKind == JsonValueKind.False || (additional.ValueKind == JsonValueKind.Undefined && NoUndeclaredProperties))
            {
                violations.Add(new(propertyPath, "undeclared", $"{schemaName ?? "the schema"} names no such property"));
            }
        }
    }

    private void CheckString(JsonElement value, JsonElement schema, string? fieldKey, string path, List<SchemaViolation> violations)
    {
        var text = value.GetString()!;
        if (schema.TryGetProperty("enum", out var documentEnum))
        {
            var allowed = fieldKey is not null && _enumLists.TryGetValue(fieldKey, out var list)
                ? list
                : [.. documentEnum.EnumerateArray().Select(e => e.GetString()!)];
            if (!allowed.Contains(text, StringComparer.Ordinal))
            {
                violations.Add(new(path, "enum", $"'{text}' is not one of the {allowed.Count} values"));
            }
        }

        var format = schema.TryGetProperty("format", out var f) ? f.GetString() : null;
        var valid = format switch
        {
            "date-time" => DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _),
            "uuid" => Guid.TryParseExact(text, "D", out _),
            _ => true,
        };
        if (!valid)
        {
            violations.Add(new(path, "format", $"'{text}' is no {format}"));
        }
    }

    private static void CheckFormat(JsonElement value, JsonElement schema, string path, List<SchemaViolation> violations)
    {
        var format = schema.TryGetProperty("format", out var f) ? f.GetString() : null;
        var fits = format switch
        {
            "int32" => value.TryGetInt32(out _),
            "int64" => value.TryGetInt64(out _),
            _ => true,
        };
        if (!fits)
        {
            violations.Add(new(path, "format", $"{value.GetRawText()} is no {format}"));
        }
    }

    private static bool HasType(JsonElement value, string? type) => type switch
    {
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "string" => value.ValueKind == JsonValueKind.String,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "number" => value.ValueKind == JsonValueKind.Number,
        "integer" => value.ValueKind == JsonValueKind.Number && IsWhole(value),
        _ => throw new NotSupportedException($"type '{type}' is not in the supported subset."),
    };

    private static bool IsWhole(JsonElement number) =>
        number.TryGetInt64(out _) || (decimal.TryParse(number.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && decimal.Truncate(d) == d);

    private static string Resource(string name, Assembly? assembly = null)
    {
        assembly ??= typeof(OpenApiSchemaChecker).Assembly;
        using var stream = assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"Resource '{name}' is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

/// <summary>One violation: where (a JSON path), which rule, what was found.</summary>
internal sealed record SchemaViolation(string Path, string Rule, string Detail)
{
    /// <summary>The path with array indexes removed (<c>$.results.invalidPropertyValue.requestId</c>), to group violations.</summary>
    public string Field
    {
        get
        {
            var text = new System.Text.StringBuilder(Path.Length);
            var inIndex = false;
            foreach (var c in Path)
            {
                inIndex = c == '[' || (inIndex && c != ']');
                if (!inIndex && c != ']')
                {
                    text.Append(c);
                }
            }

            return text.ToString();
        }
    }

    public override string ToString() => $"{Path}: {Rule}: {Detail}";
}
