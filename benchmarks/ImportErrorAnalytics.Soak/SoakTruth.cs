using ImportErrorAnalytics.Testing;

namespace ImportErrorAnalytics.Soak;

/// <summary>
/// What the report must say, counted exactly from the generated errors as they stream past: totals, error types,
/// columns, object types, per-file lines and clusters, values counted per column, and every value of the tracked
/// columns. Only the producer thread writes it; it is read after the run.
/// </summary>
internal sealed class SoakTruth(IReadOnlySet<int> trackedColumns, int clusterGap, int displayLength)
{
    /// <summary>The key of "no column" in <see cref="Columns"/>.</summary>
    public const int NoColumn = -1;

    public long Errors { get; private set; }

    public long Pages { get; set; }

    public long RedactedValues { get; private set; }

    public Dictionary<string, long> ErrorTypes { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, long> ObjectTypes { get; } = new(StringComparer.Ordinal);

    public Dictionary<int, long> Columns { get; } = [];

    public Dictionary<int, string> Properties { get; } = [];

    public Dictionary<int, long> ValuesCounted { get; } = [];

    public Dictionary<long, FileTruth> Files { get; } = [];

    public Dictionary<int, TrackedColumn> Tracked { get; } = trackedColumns.ToDictionary(c => c, _ => new TrackedColumn(displayLength));

    public void Add(SyntheticError error)
    {
        Errors++;
        if (error.IsSensitive)
        {
            RedactedValues++;
        }

        Increment(ErrorTypes, error.ErrorType ?? "");
        Increment(ObjectTypes, error.ObjectType ?? "");
        var column = error.KnownColumnNumber ?? NoColumn;
        Columns[column] = Columns.GetValueOrDefault(column) + 1;
        if (error.PropertyName is { } property)
        {
            Properties.TryAdd(column, property);
        }

        if (error.EffectiveValue is { } value)
        {
            ValuesCounted[column] = ValuesCounted.GetValueOrDefault(column) + 1;
            if (Tracked.TryGetValue(column, out var tracked))
            {
                tracked.Add(value, error.IsSensitive);
            }
        }

        var fileId = error.FileId ?? 0;
        if (!Files.TryGetValue(fileId, out var file))
        {
            Files[fileId] = file = new FileTruth(clusterGap);
        }

        file.Add(error.LineNumber);
    }

    private static void Increment(Dictionary<string, long> counts, string key) => counts[key] = counts.GetValueOrDefault(key) + 1;
}
