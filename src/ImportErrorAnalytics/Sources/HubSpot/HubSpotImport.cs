using System.Text.Json;

namespace ImportErrorAnalytics.Sources.HubSpot;

/// <summary>What HubSpot says of the import itself (<c>GET .../imports/2026-03/{importId}</c>).</summary>
public sealed class HubSpotImport
{
    /// <summary>The import's id.</summary>
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

    /// <summary>Rows in the import's files, when HubSpot counts them.</summary>
    public long? TotalRows => Counters.TryGetValue("TOTAL_ROWS", out var rows) ? rows : null;

    /// <summary>Whether the import finished (its errors will not grow).</summary>
    public bool IsDone => string.Equals(State, "DONE", StringComparison.Ordinal);

    /// <summary>Reads a description; fields of another type than HubSpot sends are left out, as absent ones are.</summary>
    /// <exception cref="FormatException">The description is not a JSON object.</exception>
    internal static HubSpotImport Parse(JsonElement root, string fallbackId)
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
            Id = Text(root, "id") ?? fallbackId,
            Name = Text(root, "importName"),
            State = Text(root, "state"),
            CreatedAt = Text(root, "createdAt"),
            UpdatedAt = Text(root, "updatedAt"),
            Counters = counters,
            FileIds = fileIds,
        };
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    internal static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    /// <summary>Checks descriptions read back from a snapshot or a checkpoint: each with its id, counters and file ids, each id once.</summary>
    /// <param name="imports">The descriptions.</param>
    /// <param name="where">Names where they were read, in the message.</param>
    /// <exception cref="FormatException">An import lacks its id, counters or file ids, or an id is there twice.</exception>
    internal static void CheckSaved(IEnumerable<HubSpotImport> imports, string where)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var import in imports)
        {
            if (import.Id is null || import.Counters is null || import.FileIds is null || import.FileIds.Any(id => id is null))
            {
                throw new FormatException($"{where} holds an import without its id, counters or file ids.");
            }

            if (!ids.Add(import.Id))
            {
                throw new FormatException($"{where} holds the import {import.Id} twice.");
            }
        }
    }
}
