using System.Text.Json;
using ImportErrorAnalytics.Escaping;

namespace ImportErrorAnalytics.Model;

/// <summary>What HubSpot says of the import itself (<c>GET .../imports/2026-03/{importId}</c>).</summary>
public sealed class HubSpotImport
{
    /// <summary>The import's id, in its canonical spelling (see <see cref="HubSpotImportIds"/>).</summary>
    public required string Id { get; init; }

    /// <summary>The import's name.</summary>
    public string? Name { get; init; }

    /// <summary>CANCELED, DEFERRED, DONE, FAILED, PROCESSING, REVERTED or STARTED (or a newer value).</summary>
    public string? State { get; init; }

    /// <summary>When the import was created (ISO 8601, as HubSpot sends it).</summary>
    public string? CreatedAt { get; init; }

    /// <summary>When the import last changed (ISO 8601).</summary>
    public string? UpdatedAt { get; init; }

    /// <summary><c>metadata.counters</c>: TOTAL_ROWS, ERRORS, CREATED_OBJECTS, ... (whatever HubSpot sends).</summary>
    public required IReadOnlyDictionary<string, long> Counters { get; init; }

    /// <summary><c>metadata.fileIds</c>.</summary>
    public required IReadOnlyList<string> FileIds { get; init; }

    /// <summary>
    /// The column names of each file of <see cref="FileIds"/> (same index), from the import request HubSpot keeps
    /// (<c>importRequestJson.files[i].fileImportPage.columnMappings[j].columnName</c>); <see langword="null"/> for a file
    /// without them. Not saved in snapshots or checkpoints: only the failed rows' header uses it.
    /// </summary>
    internal IReadOnlyList<IReadOnlyList<string>?> FileColumns { get; init; } = [];

    /// <summary>The column names of the file <paramref name="fileId"/>, when the import request gives them.</summary>
    internal IReadOnlyList<string>? ColumnNamesOf(long fileId)
    {
        var text = fileId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        for (var i = 0; i < FileIds.Count && i < FileColumns.Count; i++)
        {
            if (FileIds[i] == text)
            {
                return FileColumns[i];
            }
        }

        return null;
    }

    /// <summary>Rows in the import's files, when HubSpot counts them.</summary>
    public long? TotalRows => Counters.TryGetValue("TOTAL_ROWS", out var rows) ? rows : null;

    /// <summary>Whether the import finished (its errors will not grow).</summary>
    public bool IsDone => string.Equals(State, "DONE", StringComparison.Ordinal);

    /// <summary>
    /// Reads a description; fields of another type than HubSpot sends are left out, as absent ones are, except its
    /// <c>id</c>: a description without one is of <paramref name="askedId"/>, and one with an id must name that import
    /// in HubSpot's canonical spelling.
    /// </summary>
    /// <param name="root">The description.</param>
    /// <param name="askedId">The canonical id of the import asked for (or listed).</param>
    /// <exception cref="FormatException">
    /// The description is not a JSON object, or its <c>id</c> is not a string holding the canonical <paramref name="askedId"/>.
    /// </exception>
    internal static HubSpotImport Parse(JsonElement root, string askedId)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"it is {Describe(root.ValueKind)}, not a JSON object.");
        }

        var counters = new Dictionary<string, long>(StringComparer.Ordinal);
        var fileIds = new List<string>();
        if (root.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object)
        {
            if (metadata.TryGetProperty("counters", out var counts) && counts.ValueKind == JsonValueKind.Object)
            {
                foreach (var counter in counts.EnumerateObject())
                {
                    if (counter.Value.ValueKind == JsonValueKind.Number && counter.Value.TryGetInt64(out var value))
                    {
                        counters[counter.Name] = value;
                    }
                }
            }

            if (metadata.TryGetProperty("fileIds", out var files) && files.ValueKind == JsonValueKind.Array)
            {
                fileIds.AddRange(files.EnumerateArray().Select(f => f.ToString()));
            }
        }

        return new HubSpotImport
        {
            Id = CheckId(root, askedId),
            Name = Text(root, "importName"),
            State = Text(root, "state"),
            CreatedAt = Text(root, "createdAt"),
            UpdatedAt = Text(root, "updatedAt"),
            Counters = counters,
            FileIds = fileIds,
            FileColumns = ImportRequestColumns(root),
        };
    }

    /// <summary>
    /// The column names per file of <c>importRequestJson</c> (an object, or a string holding one), read tolerantly:
    /// a shape missing or of another type gives no names for that file (or none at all), never an error. A mapping
    /// without a <c>columnName</c> string is named by its <c>propertyName</c>, else <c>column_K</c> (its place).
    /// </summary>
    internal static IReadOnlyList<IReadOnlyList<string>?> ImportRequestColumns(JsonElement root)
    {
        if (!root.TryGetProperty("importRequestJson", out var request))
        {
            return [];
        }

        if (request.ValueKind == JsonValueKind.String)
        {
            try
            {
                using var parsed = JsonDocument.Parse(request.GetString()!, new JsonDocumentOptions { MaxDepth = 64 });
                return FilesColumns(parsed.RootElement);
            }
            catch (JsonException)
            {
                return [];
            }
        }

        return FilesColumns(request);
    }

    private static List<IReadOnlyList<string>?> FilesColumns(JsonElement request)
    {
        var result = new List<IReadOnlyList<string>?>();
        if (request.ValueKind != JsonValueKind.Object || !request.TryGetProperty("files", out var files) || files.ValueKind != JsonValueKind.Array)
        {
            return result;
        }

        foreach (var file in files.EnumerateArray())
        {
            result.Add(file.ValueKind == JsonValueKind.Object
                && file.TryGetProperty("fileImportPage", out var page) && page.ValueKind == JsonValueKind.Object
                && page.TryGetProperty("columnMappings", out var mappings) && mappings.ValueKind == JsonValueKind.Array
                    ? mappings.EnumerateArray().Select((mapping, j) => Text(mapping, "columnName") ?? Text(mapping, "propertyName") ?? $"column_{j + 1}").ToList()
                    : null);
        }

        return result;
    }

    /// <summary>The description's <c>id</c>: <paramref name="askedId"/> when there is none, else that id as HubSpot writes it.</summary>
    /// <exception cref="FormatException">The <c>id</c> is not a string, not a canonical import id, or another import's.</exception>
    private static string CheckId(JsonElement root, string askedId)
    {
        if (!root.TryGetProperty("id", out var id) || id.ValueKind == JsonValueKind.Null)
        {
            return askedId;
        }

        if (id.ValueKind != JsonValueKind.String)
        {
            throw new FormatException($"its 'id' is {Describe(id.ValueKind)}, not a string.");
        }

        var text = id.GetString()!;
        if (!HubSpotImportIds.IsCanonical(text))
        {
            throw new FormatException($"its 'id' is {NotCanonical(text)}");
        }

        return text == askedId
            ? askedId
            : throw new FormatException($"its 'id' is {UntrustedText.Quote(text)}, another import than {UntrustedText.Quote(askedId)}, the one asked for.");
    }

    /// <summary>The end of a sentence saying what is wrong with an id that is not canonical: "'01', ..." (quoted, escaped).</summary>
    internal static string NotCanonical(string? text) =>
        HubSpotImportIds.TryCanonicalize(text, out var canonical)
            ? $"{UntrustedText.Quote(text)}, not the canonical spelling of import {canonical} (without leading zeros, as HubSpot writes it)."
            : $"{UntrustedText.Quote(text)}, not a HubSpot import id ({HubSpotImportIds.Rule}): {HubSpotImportIds.Why(text)}.";

    private static string? Text(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    internal static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    /// <summary>
    /// Checks descriptions read back from a snapshot or a checkpoint: each with its id (in its canonical spelling),
    /// counters and file ids, each id once.
    /// </summary>
    /// <param name="imports">The descriptions.</param>
    /// <param name="where">Names where they were read, in the message.</param>
    /// <exception cref="FormatException">An import lacks its id, counters or file ids, an id is not canonical, or an id is there twice.</exception>
    internal static void CheckSaved(IEnumerable<HubSpotImport> imports, string where)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var import in imports)
        {
            if (import.Id is null || import.Counters is null || import.FileIds is null || import.FileIds.Any(id => id is null))
            {
                throw new FormatException($"{where} holds an import without its id, counters or file ids.");
            }

            if (!HubSpotImportIds.IsCanonical(import.Id))
            {
                throw new FormatException($"{where} holds an import whose id is {NotCanonical(import.Id)}");
            }

            if (!ids.Add(import.Id))
            {
                throw new FormatException($"{where} holds the import {import.Id} twice.");
            }
        }
    }
}
