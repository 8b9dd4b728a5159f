using System.Text;
using ImportErrorAnalytics.Model;
using ImportErrorAnalytics.Reporting;
using ImportErrorAnalytics.Testing;

namespace ImportErrorAnalytics.Tests.Support;

/// <summary>
/// The plain reference implementation: the report's sections computed with LINQ over materialised errors (in input
/// order), exactly as docs/json-report.md defines them. Slow and obviously right.
/// </summary>
internal static class ReportOracle
{
    public static List<ErrorTypeCount> ErrorTypes(IEnumerable<SyntheticError> errors) =>
        errors.GroupBy(e => e.ErrorType)
            .Select(g => new ErrorTypeCount { ErrorType = g.Key, Count = g.LongCount(), Known = g.Key is not null && HubSpotNames.IsKnownErrorType(g.Key), Guide = ErrorTypeGuide.For(g.Key) })
            .OrderByDescending(x => x.Count).ThenBy(x => x.ErrorType is null).ThenBy(x => x.ErrorType, StringComparer.Ordinal)
            .ToList();

    public static List<ObjectTypeCount> ObjectTypes(IEnumerable<SyntheticError> errors) =>
        errors.GroupBy(e => e.ObjectType)
            .Select(g => new ObjectTypeCount { ObjectType = g.Key, Count = g.LongCount() })
            .OrderByDescending(x => x.Count).ThenBy(x => x.ObjectType is null).ThenBy(x => x.ObjectType, StringComparer.Ordinal)
            .ToList();

    public static List<ColumnSummary> Columns(IReadOnlyList<SyntheticError> errors) =>
        errors.GroupBy(e => e.KnownColumnNumber)
            .Select(g => new ColumnSummary
            {
                Column = g.Key,
                Property = g.FirstOrDefault(e => e.PropertyName is not null)?.PropertyName,
                Count = g.LongCount(),
                ErrorTypes = ErrorTypes(g),
            })
            .OrderByDescending(x => x.Count).ThenBy(x => x.Column is null).ThenBy(x => x.Column)
            .ToList();

    public static List<ColumnTopValues> TopValues(IReadOnlyList<SyntheticError> errors, int top, int displayLength)
    {
        var properties = Columns(errors).ToDictionary(c => c.Column ?? int.MinValue, c => c.Property);
        return errors.Where(e => e.EffectiveValue is not null)
            .GroupBy(e => e.KnownColumnNumber)
            .Select(g =>
            {
                var values = g.GroupBy(e => e.IsSensitive ? null : e.EffectiveValue)
                    .Select(v => (Key: v.Key, Bytes: v.Key is null ? [0xFF] : Encoding.UTF8.GetBytes(v.Key), Count: v.LongCount()))
                    .OrderByDescending(v => v.Count).ThenBy(v => v.Bytes, ByteOrder.Instance)
                    .ToList();
                return new ColumnTopValues
                {
                    Column = g.Key,
                    Property = properties[g.Key ?? int.MinValue],
                    Exact = true,
                    DistinctValues = values.Count,
                    DistinctValuesAtLeast = values.Count,
                    ValuesCounted = g.LongCount(),
                    Values = values.Take(top).Select(v => Display(v.Key, v.Count, displayLength)).ToList(),
                };
            })
            .OrderByDescending(x => x.ValuesCounted).ThenBy(x => x.Column is null).ThenBy(x => x.Column)
            .ToList();
    }

    public static List<FileLineClusters> LineClusters(IReadOnlyList<SyntheticError> errors, int gap, int? maxClusters) =>
        errors.GroupBy(e => e.FileId)
            .Select(g =>
            {
                var lines = g.Where(e => e.LineNumber >= 1).Select(e => e.LineNumber!.Value).Distinct().Order().ToList();
                var clusters = new List<LineCluster>();
                var start = 0;
                for (var i = 1; i <= lines.Count; i++)
                {
                    if (i == lines.Count || (long)lines[i] - lines[i - 1] - 1 > gap)
                    {
                        int first = lines[start], last = lines[i - 1];
                        clusters.Add(new LineCluster
                        {
                            FirstLine = first,
                            LastLine = last,
                            Lines = i - start,
                            Errors = g.LongCount(e => e.LineNumber >= first && e.LineNumber <= last),
                        });
                        start = i;
                    }
                }

                var sorted = clusters.OrderByDescending(c => c.Errors).ThenBy(c => c.FirstLine).ToList();
                return new FileLineClusters
                {
                    FileId = g.Key,
                    Errors = g.LongCount(),
                    FileWideErrors = g.LongCount(e => e.LineNumber == 0),
                    ErrorsWithoutLine = g.LongCount(e => e.LineNumber is null),
                    Lines = lines.Count,
                    ClusterCount = clusters.Count,
                    Clusters = maxClusters is { } max ? sorted.Take(max).ToList() : sorted,
                };
            })
            .OrderByDescending(f => f.Errors).ThenBy(f => f.FileId is null).ThenBy(f => f.FileId)
            .ToList();

    private static InvalidValueCount Display(string? value, long count, int displayLength)
    {
        if (value is null)
        {
            return new InvalidValueCount { Value = "[REDACTED]", Count = count, Length = null, Redacted = true };
        }

        var cut = value.Length <= displayLength ? value : value[..displayLength];
        if (cut.Length < value.Length && char.IsHighSurrogate(cut[^1]))
        {
            cut = cut[..^1];
        }

        return new InvalidValueCount { Value = cut, Count = count, Truncated = cut.Length < value.Length, Length = value.Length };
    }

    private sealed class ByteOrder : IComparer<byte[]>
    {
        public static readonly ByteOrder Instance = new();

        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
    }
}
