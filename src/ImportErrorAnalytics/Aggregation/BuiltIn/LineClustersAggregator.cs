using System.Text.Json.Serialization.Metadata;
using ImportErrorAnalytics.Model;
using ImportErrorAnalytics.Parsing;
using ImportErrorAnalytics.Reporting;

namespace ImportErrorAnalytics.Aggregation.BuiltIn;

/// <summary>
/// Per <c>fileId</c>: the failing lines grouped into clusters, a new cluster starting where more than
/// <c>gap</c> error-free lines separate two failing lines. Line 0 counts as a file-wide error. At most <c>maxKeys</c>
/// files (the smallest ids) are kept apart; the errors of the others are counted together, without lines.
/// </summary>
internal sealed partial class LineClustersAggregator(int gap, int? maxClusters, int maxKeys = BuiltInSettings.DefaultMaxDistinctKeys) : IErrorAggregator<LineClustersState, IReadOnlyList<FileLineClusters>>, IPageAggregator<LineClustersState>
{
    public string Name => "lineClusters";

    public JsonTypeInfo<IReadOnlyList<FileLineClusters>> ResultTypeInfo => BuiltInJsonContext.Default.IReadOnlyListFileLineClusters;

    public LineClustersState CreateState() => new(gap, maxKeys);

    void IPageAggregator<LineClustersState>.AddPage(LineClustersState state, ImportErrorPage page)
    {
        for (var i = 0; i < page.Count; i++)
        {
            Add(state, page.GetRecordUnchecked(i));
        }
    }

    public void Add(LineClustersState state, in ImportErrorRecord record) =>
        state.Get(record.FileId).Add(record.LineNumber);

    public void Merge(LineClustersState into, LineClustersState other) => into.MergeFrom(other);

    public IReadOnlyList<FileLineClusters> GetResult(LineClustersState state)
    {
        var files = state.Files.ToList();
        if (state.Other is { } other)
        {
            files.Add(new(LineClustersState.NoFile, other));
        }

        files.Sort(static (a, b) =>
        {
            var c = b.Value.Errors.CompareTo(a.Value.Errors);
            return c != 0 ? c : a.Value.CountsOnly != b.Value.CountsOnly ? a.Value.CountsOnly.CompareTo(b.Value.CountsOnly) : ColumnKey.Compare(a.Key, b.Key);
        });
        return files.ConvertAll(pair => Describe(pair.Key, pair.Value));
    }

    private FileLineClusters Describe(long fileId, FileLines file)
    {
        if (file.CountsOnly)
        {
            return new FileLineClusters
            {
                Other = true,
                Errors = file.Errors,
                FileWideErrors = file.FileWideErrors,
                ErrorsWithoutLine = file.ErrorsWithoutLine,
                Clusters = [],
            };
        }

        var intervals = file.Clusters();
        var clusters = new List<LineCluster>(intervals.Count);
        long lines = 0;
        foreach (var interval in intervals)
        {
            var distinct = file.Lines.CountRange(interval.First, interval.Last);
            lines += distinct;
            clusters.Add(new LineCluster { FirstLine = interval.First, LastLine = interval.Last, Lines = distinct, Errors = interval.Errors });
        }

        clusters.Sort(static (a, b) =>
        {
            var c = b.Errors.CompareTo(a.Errors);
            return c != 0 ? c : a.FirstLine.CompareTo(b.FirstLine);
        });
        var shown = maxClusters is { } max && clusters.Count > max ? clusters.GetRange(0, max) : clusters;
        return new FileLineClusters
        {
            FileId = fileId == LineClustersState.NoFile ? null : fileId,
            Errors = file.Errors,
            FileWideErrors = file.FileWideErrors,
            ErrorsWithoutLine = file.ErrorsWithoutLine,
            Lines = lines,
            ClusterCount = clusters.Count,
            Clusters = shown,
        };
    }
}

/// <summary>Line clusters per kept file, and the error counts of the other files.</summary>
internal sealed class LineClustersState
{
    public const long NoFile = long.MinValue;

    private readonly KeyedStates<FileLines> _files;

    public LineClustersState(int gap, int maxKeys) =>
        _files = new(() => new FileLines(gap), () => new FileLines(gap, countsOnly: true), static (other, file) => other.Merge(file), maxKeys, NoFile);

    public Dictionary<long, FileLines> Files => _files.Items;

    /// <summary>The files past the limit, counted together; <see langword="null"/> when there were none.</summary>
    public FileLines? Other => _files.Other;

    /// <summary>Whether the limit of files are kept apart (see <see cref="KeyedStates{T}.IsFull"/>).</summary>
    public bool IsFull => _files.IsFull;

    /// <summary>The most files kept apart (besides the errors without a file id).</summary>
    public int MaxKeys => _files.Max;

    public FileLines Get(long? fileId) => _files.Get(fileId ?? NoFile);

    public void MergeFrom(LineClustersState other) => _files.MergeFrom(other._files, static (into, from) => into.Merge(from));

    /// <summary>Adds a file read from a saved form (see <see cref="KeyedStates{T}.Restore"/>).</summary>
    public void Restore(long key, FileLines file) => _files.Restore(key, file);

    public void RestoreOther(FileLines other) => _files.RestoreOther(other);
}
