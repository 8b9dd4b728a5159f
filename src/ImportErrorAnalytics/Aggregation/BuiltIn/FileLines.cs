namespace ImportErrorAnalytics.Aggregation.BuiltIn;

/// <summary>
/// One file's failing lines as clusters. New lines extend the newest pending interval or start one; pending intervals
/// are sorted and swept into the main list in batches, so memory follows the number of clusters and any arrival
/// order costs O(n log n).
/// </summary>
internal sealed partial class FileLines(int gap)
{
    private const int PendingCapacity = 4096;

    private readonly Interval[] _pending = new Interval[PendingCapacity];
    private int _pendingCount;
    private List<Interval> _main = [];
    private List<Interval> _spare = [];

    public long Errors { get; private set; }

    public long FileWideErrors { get; private set; }

    public long ErrorsWithoutLine { get; private set; }


    public LineBitset Lines { get; } = new();

    public void Add(int? lineNumber)
    {
        Errors++;
        if (lineNumber is not { } line)
        {
            ErrorsWithoutLine++;
            return;
        }

        if (line == 0)
        {
            FileWideErrors++;
            return;
        }

        Lines.Set(line);
        if (_pendingCount > 0)
        {
            ref var last = ref _pending[_pendingCount - 1];
            if (line >= last.First && line <= (long)last.Last + gap + 1)
            {
                last.Last = Math.Max(last.Last, line);
                last.Errors++;
                return;
            }
        }

        if (_pendingCount == PendingCapacity)
        {
            Flush();
        }

        _pending[_pendingCount++] = new Interval(line, line, 1);
    }

    public void Merge(FileLines other)
    {
        Errors += other.Errors;
        FileWideErrors += other.FileWideErrors;
        ErrorsWithoutLine += other.ErrorsWithoutLine;
        Lines.UnionWith(other.Lines);
        other.Flush();
        Flush();
        Sweep(_main, other._main);
    }

    /// <summary>The clusters, in line order.</summary>
    public IReadOnlyList<Interval> Clusters()
    {
        Flush();
        return _main;
    }

    private void Flush()
    {
        if (_pendingCount == 0)
        {
            return;
        }

        var pending = _pending.AsSpan(0, _pendingCount);
        pending.Sort(static (a, b) => a.First.CompareTo(b.First));
        _pendingCount = 0;
        Sweep(_main, pending);
    }

    private void Sweep(List<Interval> sorted, ReadOnlySpan<Interval> more)
    {
        var result = _spare;
        result.Clear();
        int i = 0, j = 0;
        while (i < sorted.Count || j < more.Length)
        {
            var next = j >= more.Length || (i < sorted.Count && sorted[i].First <= more[j].First) ? sorted[i++] : more[j++];
            if (result.Count > 0 && next.First <= (long)result[^1].Last + gap + 1)
            {
                var last = result[^1];
                result[^1] = new Interval(last.First, Math.Max(last.Last, next.Last), last.Errors + next.Errors);
            }
            else
            {
                result.Add(next);
            }
        }

        _spare = _main;
        _main = result;
    }

    private void Sweep(List<Interval> sorted, List<Interval> more) =>
        Sweep(sorted, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(more));

    /// <summary>A run of failing lines and the errors on them.</summary>
    internal record struct Interval(int First, int Last, long Errors);
}
