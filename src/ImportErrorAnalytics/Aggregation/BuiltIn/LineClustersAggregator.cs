using System.Text.Json.Serialization.Metadata;
using ImportErrorAnalytics.Model;
using ImportErrorAnalytics.Parsing;
using ImportErrorAnalytics.Reporting;

namespace ImportErrorAnalytics.Aggregation.BuiltIn;

/// <summary>
/// Per <c>fileId</c>: the failing lines grouped into clusters, a new cluster starting where more than
/// <c>gap</c> error-free lines separate two failing lines. Line 0 counts as a file-wide error.
/// </summary>
internal sealed partial class LineClustersAggregator(int gap, int? maxClusters) : IErrorAggregator<LineClustersState, IReadOnlyList<FileLineClusters>>, IPageAggregator<LineClustersState>
{
    public string Name => "lineClusters";

    public JsonTypeInfo<IReadOnlyList<FileLineClusters>> ResultTypeInfo => BuiltInJsonContext.Default.IReadOnlyListFileLineClusters;

    public LineClustersState CreateState() => new(gap);

    void IPageAggregator<LineClustersState>.AddPage(LineClustersState state, ImportErrorPage page)
    {
        for (var i = 0; i < page.Count; i++)
        {
            Add(state, page.GetRecordUnchecked(i));
        }
    }

    public void Add(LineClustersState state, in ImportErrorRecord record) =>
        state.Get(record.FileId).Add(record.LineNumber);

    public void Merge(LineClustersState into, LineClustersState other)
    {
        foreach (var (fileId, lines) in other.Files)
        {
            into.Get(fileId == LineClustersState.NoFile ? null : fileId).Merge(lines);
        }
    }

    public IReadOnlyList<FileLineClusters> GetResult(LineClustersState state)
    {
        var files = state.Files.ToList();
        files.Sort(static (a, b) =>
        {
            var c = b.Value.Errors.CompareTo(a.Value.Errors);
            return c != 0 ? c : ColumnKey.Compare(a.Key, b.Key);
        });
        return files.ConvertAll(pair => Describe(pair.Key, pair.Value));
    }

    private FileLineClusters Describe(long fileId, FileLines file)
    {
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

/// <summary>Line clusters per file.</summary>
internal sealed class LineClustersState
{
    public const long NoFile = long.MinValue;

    private readonly KeyedStates<FileLines> _files;

    public LineClustersState(int gap) => _files = new(() => new FileLines(gap));

    public Dictionary<long, FileLines> Files => _files.Items;

    public FileLines Get(long? fileId) => _files.Get(fileId ?? NoFile);
}
