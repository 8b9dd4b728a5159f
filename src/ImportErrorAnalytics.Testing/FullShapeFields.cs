using System.Globalization;

namespace ImportErrorAnalytics.Testing;

/// <summary>
/// The fields of <see cref="SyntheticShape.Full"/> that the analysis does not read: the property value's provenance
/// (request id, source, timestamps, user), the row's cells, the sheet. They come from a random stream of their own
/// (seeded from the import's seed), so the errors' counted contents are the same in both shapes, and from the line
/// and value, so row data turned on or off changes nothing else.
/// </summary>
internal sealed class FullShapeFields
{
    /// <summary>The import file's columns: zero-based, as <c>knownColumnNumber</c> counts them.</summary>
    private static readonly string[] Header =
    [
        "lastname", "firstname", "hubspot_owner_id", "email", "domain", "lifecyclestage", "phone", "closedate", "associated_company", "amount", "notes",
    ];

    private static readonly string[] Deployables = ["CrmImportsWorker", "CrmImportsPropertyValidation", "CrmObjectsBatchWriter"];

    private readonly Random _random;
    private readonly string _importId;
    private readonly int _userId;

    public FullShapeFields(SyntheticImportOptions options)
    {
        _random = new Random(unchecked((options.Seed * -1640531535) ^ 0x5EED1E55));
        _importId = options.ImportId;
        _userId = 8_000_000 + _random.Next(1_000_000);
    }

    public static string ObjectTypeId(string objectType) => objectType switch
    {
        "CONTACT" => "0-1",
        "COMPANY" => "0-2",
        "DEAL" => "0-3",
        _ => "0-1",
    };

    /// <summary>The details of one error's property value; draws from this generator's own stream.</summary>
    public SyntheticPropertyDetails Details(long createdAt, long fileId, int line, string property, string value, bool large)
    {
        Span<byte> guid = stackalloc byte[16];
        _random.NextBytes(guid);
        var timestamp = createdAt - 1_000 - _random.Next(90_000);
        var vid = _random.NextDouble() < 0.3 ? 50_000_000L + _random.Next(40_000_000) : 0;
        return new SyntheticPropertyDetails
        {
            IsLargeValue = large,
            PersistenceTimestamp = timestamp + 3 + _random.Next(40),
            RequestId = new Guid(guid).ToString("D"),
            Source = "IMPORT",
            SourceId = _importId,
            SourceLabel = $"import-{fileId}.csv",
            SourceMetadata = string.Create(CultureInfo.InvariantCulture, $"importId={_importId};fileId={fileId};lineNumber={line};property={property}"),
            SourceUpstreamDeployable = Deployables[_random.Next(Deployables.Length)],
            SourceVid = vid == 0 ? [] : [vid],
            Timestamp = timestamp,
            Unit = property == "amount" ? "EUR" : "",
            UpdatedByUserId = _userId,
            UseTimestampAsPersistenceTimestamp = false,
            SelectedByUser = false,
            SelectedByUserTimestamp = 0,
        };
    }

    /// <summary>The row's cells, with <paramref name="value"/> in its column (when it has one).</summary>
    public static string[] Row(int line, int? column, string? value)
    {
        var cells = new string[Header.Length];
        for (var i = 0; i < cells.Length; i++)
        {
            cells[i] = i == column && value is not null ? value : Cell(i, line);
        }

        return cells;
    }

    private static string Cell(int column, int line) => column switch
    {
        0 => string.Create(CultureInfo.InvariantCulture, $"Lovelace{line % 97}"),
        1 => "Ada",
        2 => string.Create(CultureInfo.InvariantCulture, $"{41_000_000 + (line % 40)}"),
        3 => string.Create(CultureInfo.InvariantCulture, $"ada.{line}@example.com"),
        4 => string.Create(CultureInfo.InvariantCulture, $"site{line % 500}.example.com"),
        5 => "lead",
        6 => string.Create(CultureInfo.InvariantCulture, $"+1 555 01{line % 100:D2}"),
        7 => string.Create(CultureInfo.InvariantCulture, $"2026-{(line % 12) + 1:D2}-{(line % 28) + 1:D2}"),
        8 => string.Create(CultureInfo.InvariantCulture, $"Company {line % 300}"),
        9 => string.Create(CultureInfo.InvariantCulture, $"{line % 10_000}.00"),
        _ => string.Create(CultureInfo.InvariantCulture, $"Met at conference {line % 12}"),
    };
}
