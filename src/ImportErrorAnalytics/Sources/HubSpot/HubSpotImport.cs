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

    internal static HubSpotImport Parse(JsonElement root, string fallbackId)
    {
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
}
