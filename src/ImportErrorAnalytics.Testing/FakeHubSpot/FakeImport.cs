using System.Globalization;
using ImportErrorAnalytics.Model;

namespace ImportErrorAnalytics.Testing.FakeHubSpot;

/// <summary>
/// One import the fake server knows: the import object HubSpot returns from <c>GET /crm/imports/2026-03/{importId}</c>
/// and the error pages it serves from <c>.../{importId}/errors</c>. Make one with <see cref="FromSynthetic"/> or
/// <see cref="FromPageFiles"/>, adjust its properties, then hand it to <see cref="FakeHubSpotOptions.Imports"/> or
/// <see cref="FakeHubSpotServer.AddImport"/>; the server copies it then, so later changes do not reach the server.
/// </summary>
public sealed class FakeImport
{
    /// <summary>When <see cref="FromSynthetic"/> imports were created, unless set: 2026-01-01T00:00:00Z.</summary>
    public static readonly DateTimeOffset DefaultCreatedAt = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private FakeImport(string id, IErrorPageSource errors)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (!HubSpotImportIds.IsCanonical(id))
        {
            throw new ArgumentException($"A HubSpot import id is a whole number from 1 to 9223372036854775807 written without leading zeros, not '{id}'.", nameof(id));
        }

        Id = id;
        Errors = errors;
        ImportName = "Import " + id;
    }

    /// <summary>
    /// The import id (HubSpot's ids are int64 numbers, sent as strings without leading zeros). The server serves the
    /// import for any spelling of the number in a path, as HubSpot does: <c>.../imports/2026-03/0042</c> is import 42.
    /// </summary>
    public string Id { get; }

    /// <summary><c>importName</c>.</summary>
    public string ImportName { get; set; }

    /// <summary><c>state</c>: CANCELED, DEFERRED, DONE, FAILED, PROCESSING, REVERTED or STARTED (not checked).</summary>
    public string State { get; set; } = "DONE";

    /// <summary><c>createdAt</c>, written as an ISO 8601 UTC string.</summary>
    public DateTimeOffset CreatedAt { get; set; } = DefaultCreatedAt;

    /// <summary><c>updatedAt</c>, written as an ISO 8601 UTC string.</summary>
    public DateTimeOffset UpdatedAt { get; set; } = DefaultCreatedAt.AddHours(1);

    /// <summary><c>metadata.counters</c>, e.g. TOTAL_ROWS and ERRORS.</summary>
    public IDictionary<string, long> Counters { get; } = new Dictionary<string, long>(StringComparer.Ordinal);

    /// <summary><c>metadata.fileIds</c>.</summary>
    public IList<string> FileIds { get; } = new List<string>();

    /// <summary><c>mappedObjectTypeIds</c>; <c>["0-1"]</c> (contacts) unless changed.</summary>
    public IList<string> MappedObjectTypeIds { get; } = new List<string> { "0-1" };

    /// <summary><c>optOutImport</c>.</summary>
    public bool OptOutImport { get; set; }

    internal IErrorPageSource Errors { get; }

    /// <summary>
    /// An import whose errors are <paramref name="errors"/>'s <see cref="SyntheticImport.Generate"/>, paged by offset
    /// with the request's <c>limit</c>. With <c>includeRowData</c> and <c>includeErrorMessage</c> the pages carry
    /// <c>rowData</c> and <c>errorMessage</c> whatever the synthetic options say; without them the fields are dropped
    /// (in the full shape <c>rowData</c>, which the schema requires, is sent empty), so a request without both flags
    /// gets exactly what <see cref="SyntheticImport.Generate"/> yields when the options leave them off.
    /// Counters: TOTAL_ROWS (<see cref="SyntheticImport.FileCount"/> × rows per file), ERRORS, CREATED_OBJECTS; file ids from the synthetic import.
    /// </summary>
    /// <param name="id">The import id.</param>
    /// <param name="errors">The synthetic errors.</param>
    public static FakeImport FromSynthetic(string id, SyntheticImport errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var import = new FakeImport(id, new SyntheticErrorSource(errors));
        var totalRows = (long)errors.FileCount * errors.Options.RowsPerFile;
        import.Counters["TOTAL_ROWS"] = totalRows;
        import.Counters["ERRORS"] = errors.Options.Errors;
        import.Counters["CREATED_OBJECTS"] = Math.Max(0, totalRows - errors.Options.Errors);
        foreach (var fileId in errors.FileIds)
        {
            import.FileIds.Add(fileId.ToString(CultureInfo.InvariantCulture));
        }

        return import;
    }

    /// <summary>
    /// An import whose error pages are the <c>*.json</c> files of <paramref name="directory"/>, served one file per
    /// page in ordinal name order (<c>limit</c> is ignored), each with its <c>paging</c> replaced by the server's own
    /// cursor (none on the last file). Every file must be an object with a <c>results</c> array; they are read once
    /// now (to check them and to fill ERRORS, TOTAL_ROWS and the file ids) and again for each request.
    /// </summary>
    /// <param name="id">The import id.</param>
    /// <param name="directory">A directory of saved pages, e.g. written by <see cref="SyntheticImport.WritePageFiles"/>.</param>
    /// <exception cref="DirectoryNotFoundException">The directory does not exist.</exception>
    /// <exception cref="InvalidDataException">A file is not a page, or there is none.</exception>
    public static FakeImport FromPageFiles(string id, string directory)
    {
        var source = PageFileErrorSource.Open(directory);
        var import = new FakeImport(id, source);
        import.Counters["TOTAL_ROWS"] = source.ErrorCount;
        import.Counters["ERRORS"] = source.ErrorCount;
        foreach (var fileId in source.FileIds)
        {
            import.FileIds.Add(fileId);
        }

        return import;
    }

    internal ImportRecord Freeze() => new(
        Id,
        ImportName,
        State,
        CreatedAt,
        UpdatedAt,
        Counters.ToArray(),
        FileIds.ToArray(),
        MappedObjectTypeIds.ToArray(),
        OptOutImport,
        Errors);
}
