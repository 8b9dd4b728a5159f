using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ImportErrorAnalytics.Testing;

/// <summary>
/// A deterministic synthetic import's errors with realistic distributions: skewed error types tied to columns,
/// Zipf-distributed values with a long tail, failing rows in clusters, several files with int64 ids, some
/// sensitive values, some error types newer than the 2026-03 list, a few megabyte-class values.
/// By default each record carries every field HubSpot's 2026-03 schema requires, as the API writes it
/// (<see cref="SyntheticImportOptions.Shape"/>). Errors are generated on the fly, never all held in memory.
/// </summary>
public sealed class SyntheticImport
{
    private static readonly ColumnProfile[] Columns =
    [
        new(3, "email", "INVALID_EMAIL", "CONTACT", i => $"user{i}@example"),
        new(7, "closedate", "COULD_NOT_PARSE_DATE", "DEAL", i => $"{(i % 28) + 1}/{(i % 12) + 1}/20{i % 100:D2}x"),
        new(5, "lifecyclestage", "INVALID_ENUMERATION_OPTION", "CONTACT", i => $"stage-{i}"),
        new(9, "amount", "COULD_NOT_PARSE_NUMBER", "DEAL", i => $"{i},{i % 100:D2} EUR"),
        new(2, "hubspot_owner_id", "COULD_NOT_FIND_OWNER", "CONTACT", i => $"owner{i}@corp.example"),
        new(4, "domain", "INVALID_DOMAIN", "COMPANY", i => $"www.site{i}"),
        new(6, "phone", "INVALID_PROPERTY_VALUE_FORMAT", "CONTACT", i => $"+1 ({i % 1000:D3}) ext"),
        new(1, "firstname", "MISSING_REQUIRED_PROPERTY", "CONTACT", _ => ""),
        new(8, "associated_company", "ASSOCIATION_RECORD_NOT_FOUND", "COMPANY", i => $"company-{i}"),
        new(10, "notes", "COLUMN_TOO_LARGE", "CONTACT", i => $"note {i}"),
    ];

    private static readonly string[] UnknownTypes = ["AI_ENRICHMENT_CONFLICT", "CONSENT_STATE_UNRESOLVED"];

    private readonly SyntheticImportOptions _options;

    /// <summary>Creates a generator.</summary>
    /// <param name="options">The shape; defaults when <see langword="null"/>.</param>
    public SyntheticImport(SyntheticImportOptions? options = null) => _options = options ?? new SyntheticImportOptions();

    /// <summary>The options.</summary>
    public SyntheticImportOptions Options => _options;

    /// <summary>The number of files: <see cref="SyntheticImportOptions.Files"/>, or more with <see cref="SyntheticImportOptions.MaxErrorsPerFile"/>.</summary>
    public int FileCount => _options.MaxErrorsPerFile is { } max && max > 0
        ? (int)Math.Max(_options.Files, (_options.Errors + max - 1) / max)
        : _options.Files;

    /// <summary>The file ids of the import.</summary>
    public IReadOnlyList<long> FileIds => Enumerable.Range(0, FileCount).Select(FileId).ToArray();

    /// <summary>The errors, in file and line order (as HubSpot pages them).</summary>
    public IEnumerable<SyntheticError> Generate()
    {
        var random = new Random(_options.Seed);
        var columnSampler = new ZipfSampler(Columns.Length, 1.1);
        var valueSampler = new ZipfSampler(Math.Max(1, _options.DistinctValuesPerColumn), 1.05);
        var files = FileCount;
        var perFile = Math.Max(1, _options.Errors / files);
        var createdAt = 1_767_225_600_000L;
        var line = 0;
        var full = _options.Shape == SyntheticShape.Full ? new FullShapeFields(_options) : null;
        for (long n = 0; n < _options.Errors; n++)
        {
            var fileIndex = (int)Math.Min(n / perFile, files - 1);
            line = n == fileIndex * perFile ? 1 + random.Next(50) : NextLine(random, line, _options.RowsPerFile);
            createdAt += random.Next(3);
            if (random.NextDouble() < 0.001)
            {
                yield return FileWide(n, createdAt, fileIndex, full is not null);
                continue;
            }

            var profile = Columns[columnSampler.Next(random)];
            var errorType = random.NextDouble() < _options.UnknownTypeRate ? UnknownTypes[random.Next(UnknownTypes.Length)] : profile.ErrorType;
            var large = random.NextDouble() < _options.LargeValueRate;
            var value = large ? LargeValue(random, n) : profile.Value(valueSampler.Next(random));
            var sensitive = random.NextDouble() < _options.SensitiveRate;
            var error = new SyntheticError
            {
                Id = Id(n),
                CreatedAt = createdAt,
                ErrorType = errorType,
                ObjectType = profile.ObjectType,
                KnownColumnNumber = profile.Column,
                InvalidValue = value,
                InvalidValueToDisplay = value,
                PropertyName = profile.Property,
                DataSensitivity = sensitive ? "high" : "none",
                IsEncrypted = false,
                FileId = FileId(fileIndex),
                LineNumber = line,
                ContainsEncryptedProperties = false,
                RowData = _options.IncludeRowData ? ["Ada", "Lovelace", value] : null,
                ErrorMessage = _options.IncludeErrorMessage ? $"Invalid value for property {profile.Property}" : null,
            };
            yield return full is null ? error : error with
            {
                ObjectTypeId = FullShapeFields.ObjectTypeId(profile.ObjectType),
                MaskedSubstrings = [],
                RowData = _options.IncludeRowData ? FullShapeFields.Row(line, profile.Column, value) : [],
                AdditionalRowData = [],
                PropertyDetails = full.Details(createdAt, FileId(fileIndex), line, profile.Property, value, large),
            };
        }
    }

    /// <summary>The errors cut into pages of <paramref name="pageSize"/>.</summary>
    /// <param name="pageSize">Errors per page.</param>
    public IEnumerable<IReadOnlyList<SyntheticError>> Pages(int pageSize) => Generate().Chunk(pageSize);

    /// <summary>Every page, one after another, as HubSpot's responses (one stream of several JSON pages).</summary>
    /// <param name="pageSize">Errors per page.</param>
    public byte[] ToPageBytes(int pageSize)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            var index = 0;
            foreach (var page in Pages(pageSize))
            {
                index++;
                ErrorJsonWriter.WritePage(writer, page, Cursor(index));
                writer.Flush();
                writer.Reset();
                stream.WriteByte((byte)'\n');
            }
        }

        return stream.ToArray();
    }

    /// <summary>
    /// Writes one file per page into <paramref name="directory"/> (<c>page-00001.json</c>, ...: at least five digits,
    /// more when there are more pages, so name order is page order), each with the cursor to the next page but the
    /// last. The errors are generated as the files are written, never all held in memory.
    /// </summary>
    /// <param name="directory">Created when missing.</param>
    /// <param name="pageSize">Errors per page.</param>
    /// <param name="indented">Indent the JSON (HubSpot's API sends it without).</param>
    /// <returns>The number of pages written.</returns>
    public int WritePageFiles(string directory, int pageSize, bool indented = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        Directory.CreateDirectory(directory);
        var count = (Math.Max(0, _options.Errors) + pageSize - 1) / pageSize;
        var digits = Math.Max(5, count.ToString(CultureInfo.InvariantCulture).Length);
        var index = 0;
        foreach (var page in Pages(pageSize))
        {
            index++;
            using var file = File.Create(Path.Combine(directory, "page-" + index.ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0') + ".json"));
            using var writer = new Utf8JsonWriter(file, new JsonWriterOptions { Indented = indented });
            ErrorJsonWriter.WritePage(writer, page, index < count ? Cursor(index) : null);
        }

        return index;
    }

    /// <summary>The errors as NDJSON, one object per line.</summary>
    public byte[] ToNdjsonBytes()
    {
        using var stream = new MemoryStream();
        using var writer = new Utf8JsonWriter(stream);
        foreach (var error in Generate())
        {
            ErrorJsonWriter.WriteError(writer, error);
            writer.Flush();
            writer.Reset();
            stream.WriteByte((byte)'\n');
        }

        return stream.ToArray();
    }

    /// <summary>The cursor HubSpot would hand out after page <paramref name="pageNumber"/>.</summary>
    /// <param name="pageNumber">1-based.</param>
    public static string Cursor(int pageNumber) => Convert.ToBase64String(Encoding.UTF8.GetBytes(pageNumber.ToString(CultureInfo.InvariantCulture)));

    private static int NextLine(Random random, int line, int rows)
    {
        // Mostly small steps (blocks of failing rows), sometimes a jump to the next block, sometimes the same row again.
        var roll = random.NextDouble();
        var next = line + (roll < 0.1 ? 0 : roll < 0.93 ? 1 + random.Next(3) : 20 + random.Next(400));
        return Math.Min(next, rows);
    }

    private SyntheticError FileWide(long n, long createdAt, int fileIndex, bool full)
    {
        var error = new SyntheticError
        {
            Id = Id(n),
            CreatedAt = createdAt,
            ErrorType = "INCORRECT_NUMBER_OF_COLUMNS",
            ObjectType = "CONTACT",
            FileId = FileId(fileIndex),
            LineNumber = 0,
        };
        return full ? error with
        {
            ObjectTypeId = "0-1",
            ContainsEncryptedProperties = false,
            RowData = _options.IncludeRowData ? FullShapeFields.Row(0, null, null) : [],
            AdditionalRowData = [],
        } : error;
    }

    private string LargeValue(Random random, long n)
    {
        var builder = new StringBuilder(_options.LargeValueLength + 16);
        builder.Append(CultureInfo.InvariantCulture, $"large-{n}-");
        while (builder.Length < _options.LargeValueLength)
        {
            builder.Append((char)('a' + random.Next(26)));
        }

        return builder.ToString();
    }

    private static long FileId(int index) => 184_448_894_240L + (index * 7_919L);

    private static string Id(long n) => $"{n:x8}-0000-4000-8000-{n * 2654435761L % 1_000_000_000_000L:D12}";

    private sealed record ColumnProfile(int Column, string Property, string ErrorType, string ObjectType, Func<int, string> Value);
}
