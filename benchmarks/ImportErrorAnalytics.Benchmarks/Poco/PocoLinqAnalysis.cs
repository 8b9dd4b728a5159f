using System.Text.Json;
using ImportErrorAnalytics.Model;

namespace ImportErrorAnalytics.Benchmarks.Poco;

/// <summary>
/// What a user would write without the library: deserialize every page into source-generated POCOs, then answer the
/// same questions with LINQ. Computes what the library's report holds: totals (errors, redacted values, unknown
/// error types), counts per error type, per object type and per column (with the column's property and its error
/// types), the top values per column (sensitive values counted as one redacted key) with distinct counts, and per
/// file the distinct failing lines and the line clusters.
/// </summary>
public static class PocoLinqAnalysis
{
    private const string Redacted = "[REDACTED]";

    public static PocoReport Analyze(byte[] pages, int top = 10, int gap = 10)
    {
        var errors = ReadAll(pages);

        var redacted = errors.Count(IsSensitive);
        var unknownTypes = errors.Count(e => e.ErrorType is { } type && !HubSpotNames.IsKnownErrorType(type));

        var errorTypes = CountBy(errors, e => e.ErrorType);
        var objectTypes = CountBy(errors, e => e.ObjectType);

        var columns = errors
            .GroupBy(e => e.KnownColumnNumber)
            .Select(g => new ColumnCounts(
                g.Key,
                g.Select(e => e.InvalidPropertyValue?.Name).FirstOrDefault(name => name is not null),
                g.Count(),
                CountBy(g, e => e.ErrorType)))
            .OrderByDescending(c => c.Count)
            .ThenBy(c => c.Column ?? int.MaxValue)
            .ToList();

        var topValues = errors
            .Where(e => Value(e) is not null)
            .GroupBy(e => e.KnownColumnNumber)
            .Select(g =>
            {
                var values = g
                    .GroupBy(e => IsSensitive(e) ? Redacted : Value(e)!, StringComparer.Ordinal)
                    .Select(v => new NameCount(v.Key, v.Count()))
                    .ToList();
                var shown = values
                    .OrderByDescending(v => v.Count)
                    .ThenBy(v => v.Name, StringComparer.Ordinal)
                    .Take(top)
                    .ToList();
                return new ColumnValues(g.Key, values.Count, g.Count(), shown);
            })
            .OrderByDescending(c => c.Total)
            .ThenBy(c => c.Column ?? int.MaxValue)
            .ToList();

        var files = errors
            .GroupBy(e => e.SourceData?.FileId)
            .Select(g =>
            {
                var lines = g
                    .Where(e => e.SourceData?.LineNumber > 0)
                    .Select(e => e.SourceData!.LineNumber!.Value)
                    .Order()
                    .ToList();
                return new FileLines(
                    g.Key,
                    g.Count(),
                    g.Count(e => e.SourceData?.LineNumber == 0),
                    g.Count(e => e.SourceData?.LineNumber is null),
                    lines.Distinct().Count(),
                    Clusters(lines, gap).OrderByDescending(c => c.Errors).ThenBy(c => c.First).ToList());
            })
            .OrderByDescending(f => f.Errors)
            .ToList();

        return new PocoReport(errors.Count, redacted, unknownTypes, errorTypes, objectTypes, columns, topValues, files);
    }

    /// <summary>All pages, one after another, deserialized with one reader that allows several top-level values.</summary>
    private static List<ErrorDto> ReadAll(byte[] pages)
    {
        var errors = new List<ErrorDto>();
        var reader = new Utf8JsonReader(pages, new JsonReaderOptions { AllowMultipleValues = true });
        while (reader.Read())
        {
            var page = JsonSerializer.Deserialize(ref reader, PocoJsonContext.Default.ErrorPageDto);
            if (page?.Results is { } results)
            {
                errors.AddRange(results);
            }
        }

        return errors;
    }

    private static List<NameCount> CountBy(IEnumerable<ErrorDto> errors, Func<ErrorDto, string?> key) => errors
        .GroupBy(key)
        .Select(g => new NameCount(g.Key, g.Count()))
        .OrderByDescending(x => x.Count)
        .ThenBy(x => x.Name, StringComparer.Ordinal)
        .ToList();

    private static string? Value(ErrorDto e) => e.InvalidValue ?? e.InvalidValueToDisplay;

    private static bool IsSensitive(ErrorDto e) =>
        e.InvalidPropertyValue is { DataSensitivity: not "none" } || e.InvalidPropertyValue?.IsEncrypted == true || e.SourceData?.ContainsEncryptedProperties == true;

    /// <summary>Sorted lines into clusters: a new one where more than <paramref name="gap"/> error-free lines separate two failing lines.</summary>
    private static IEnumerable<LineCluster> Clusters(List<int> sortedLines, int gap)
    {
        if (sortedLines.Count == 0)
        {
            yield break;
        }

        var first = sortedLines[0];
        var last = first;
        var count = 1;
        foreach (var line in sortedLines.Skip(1))
        {
            if (line <= (long)last + gap + 1)
            {
                last = line;
                count++;
                continue;
            }

            yield return new LineCluster(first, last, count);
            first = last = line;
            count = 1;
        }

        yield return new LineCluster(first, last, count);
    }
}

public sealed record NameCount(string? Name, int Count);

public sealed record ColumnCounts(int? Column, string? Property, int Count, List<NameCount> ErrorTypes);

public sealed record ColumnValues(int? Column, int DistinctValues, int Total, List<NameCount> Top);

public sealed record LineCluster(int First, int Last, int Errors);

public sealed record FileLines(long? FileId, int Errors, int FileWideErrors, int ErrorsWithoutLine, int DistinctLines, List<LineCluster> Clusters);

public sealed record PocoReport(
    int Errors,
    int RedactedValues,
    int UnknownErrorTypeErrors,
    List<NameCount> ErrorTypes,
    List<NameCount> ObjectTypes,
    List<ColumnCounts> Columns,
    List<ColumnValues> TopValues,
    List<FileLines> Files);
