namespace ImportErrorAnalytics.Aggregation.BuiltIn;

/// <summary>
/// One file's failing lines as clusters. New lines extend the newest pending interval or start one; pending intervals
/// are sorted and swept into the main list in batches (of up to <see cref="PendingCapacity"/>, the buffer growing with
/// the intervals met), so memory follows the number of lines and clusters and any arrival order costs O(n log n).
/// The bucket of the files past the limit of distinct keys (<paramref name="countsOnly"/>) counts errors only: lines of
/// different files do not cluster.
/// </summary>
internal sealed partial class FileLines(int gap, bool countsOnly = false)
{
    private const int PendingCapacity = 4096;

    private Interval[] _pending = [];
    private int _pendingCount;
    private List<Interval> _main = [];
    private List<Interval> _spare = [];

    public long Errors { get; private set; }

    public long FileWideErrors { get; private set; }

    public long ErrorsWithoutLine { get; private set; }

    /// <summary>Whether this is the bucket of other files, which keeps no lines.</summary>
    public bool CountsOnly => countsOnly;

    public LineSet Lines { get; } = new();

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

        if (countsOnly)
        {
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

        if (_pendingCount == _pending.Length)
        {
            if (_pending.Length == PendingCapacity)
            {
                Flush();
            }
            else
            {
                Array.Resize(ref _pending, Math.Max(4, _pending.Length * 2));
            }
        }

        _pending[_pendingCount++] = new Interval(line, line, 1);
    }

    public void Merge(FileLines other)
    {
        Errors += other.Errors;
        FileWideErrors += other.FileWideErrors;
        ErrorsWithoutLine += other.ErrorsWithoutLine;
        if (countsOnly)
        {
            return;
        }

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
