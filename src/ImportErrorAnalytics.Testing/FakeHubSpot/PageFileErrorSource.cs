using System.Text.Json;

namespace ImportErrorAnalytics.Testing.FakeHubSpot;

/// <summary>Saved pages, one file per page in ordinal name order; positions are file indexes.</summary>
internal sealed class PageFileErrorSource : IErrorPageSource
{
    private readonly string[] _files;

    private PageFileErrorSource(string[] files, long errorCount, IReadOnlyList<string> fileIds)
    {
        _files = files;
        ErrorCount = errorCount;
        FileIds = fileIds;
    }

    /// <summary>The number of results over all files.</summary>
    public long ErrorCount { get; }

    /// <summary>The distinct <c>sourceData.fileId</c> values, in order of appearance.</summary>
    public IReadOnlyList<string> FileIds { get; }

    public static PageFileErrorSource Open(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"No page directory '{directory}'.");
        }

        var files = Directory.GetFiles(directory, "*.json").OrderBy(Path.GetFileName, StringComparer.Ordinal).ToArray();
        if (files.Length == 0)
        {
            throw new InvalidDataException($"'{directory}' holds no *.json page files.");
        }

        var count = 0L;
        var fileIds = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            using var document = Parse(file);
            foreach (var result in document.RootElement.GetProperty("results").EnumerateArray())
            {
                count++;
                if (result.ValueKind == JsonValueKind.Object
                    && result.TryGetProperty("sourceData", out var sourceData)
                    && sourceData.ValueKind == JsonValueKind.Object
                    && sourceData.TryGetProperty("fileId", out var fileId)
                    && fileId.ValueKind is JsonValueKind.Number or JsonValueKind.String)
                {
                    var text = fileId.ValueKind == JsonValueKind.String ? fileId.GetString()! : fileId.GetRawText();
                    if (seen.Add(text))
                    {
                        fileIds.Add(text);
                    }
                }
            }
        }

        return new PageFileErrorSource(files, count, fileIds);
    }

    public bool IsValidPosition(long position) => position >= 0 && position < _files.Length;

    public ErrorPage ReadPage(long position, int limit)
    {
        var document = Parse(_files[position]);
        return new Page(document, position + 1 < _files.Length ? position + 1 : null);
    }

    private static JsonDocument Parse(string file)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(file));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Page file '{file}' is not JSON: {e.Message}", e);
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object
            || !document.RootElement.TryGetProperty("results", out var results)
            || results.ValueKind != JsonValueKind.Array)
        {
            document.Dispose();
            throw new InvalidDataException($"Page file '{file}' is not a page: it needs an object with a \"results\" array.");
        }

        return document;
    }

    private sealed class Page(JsonDocument document, long? next) : ErrorPage
    {
        private readonly JsonElement[] _results = document.RootElement.GetProperty("results").EnumerateArray().ToArray();

        public override int Count => _results.Length;

        public override long? NextPosition => next;

        public override void WriteResult(Utf8JsonWriter writer, int index, bool includeErrorMessage, bool includeRowData)
        {
            var result = _results[index];
            if ((includeErrorMessage && includeRowData) || result.ValueKind != JsonValueKind.Object)
            {
                result.WriteTo(writer);
                return;
            }

            // Saved pages may have been fetched with the flags on: drop what this request did not ask for.
            writer.WriteStartObject();
            foreach (var property in result.EnumerateObject())
            {
                if (!includeErrorMessage && property.NameEquals("errorMessage"))
                {
                    continue;
                }

                if (!includeRowData && property.NameEquals("sourceData") && property.Value.ValueKind == JsonValueKind.Object)
                {
                    writer.WriteStartObject(property.Name);
                    foreach (var inner in property.Value.EnumerateObject())
                    {
                        // The schema requires both arrays: HubSpot sends them empty when not asked for the row.
                        if (inner.NameEquals("rowData") || inner.NameEquals("additionalRowData"))
                        {
                            writer.WriteStartArray(inner.Name);
                            writer.WriteEndArray();
                        }
                        else
                        {
                            inner.WriteTo(writer);
                        }
                    }

                    writer.WriteEndObject();
                    continue;
                }

                property.WriteTo(writer);
            }

            writer.WriteEndObject();
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                document.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
