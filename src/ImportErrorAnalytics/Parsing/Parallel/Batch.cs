using System.Buffers;
using System.Collections.Concurrent;

namespace ImportErrorAnalytics.Parsing.Parallel;

/// <summary>
/// The splitter's buffer: whole pages not yet handed out, then the start of the next page. Handing the pages out moves
/// the buffer into a job and carries the incomplete rest over to a fresh buffer.
/// </summary>
internal sealed class Batch(ConcurrentQueue<PageJob> jobs, long offset, int pageIndex) : IDisposable
{
    private const int InitialSize = 512 * 1024;

    private readonly List<int> _ends = [];
    private byte[] _bytes = ArrayPool<byte>.Shared.Rent(InitialSize);
    private long _offset = offset;
    private int _pageIndex = pageIndex;

    public byte[] Bytes => _bytes;

    public int Capacity => _bytes.Length;

    public int Fill { get; private set; }

    /// <summary>How far the splitter has looked.</summary>
    public int Scanned { get; set; }

    /// <summary>Pages found in this input so far (handed out or not).</summary>
    public int PageCount { get; private set; }

    public bool HasPages => _ends.Count > 0;

    /// <summary>Whole pages not yet handed out.</summary>
    public int PendingPages => _ends.Count;

    /// <summary>Bytes of the whole pages not yet handed out.</summary>
    public int PendingBytes => _ends.Count == 0 ? 0 : _ends[^1];

    public void Append(in ReadOnlySequence<byte> data)
    {
        if (Fill + data.Length > _bytes.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent((int)Math.Max(Fill + data.Length, _bytes.Length * 2L));
            _bytes.AsSpan(0, Fill).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_bytes);
            _bytes = larger;
        }

        data.CopyTo(_bytes.AsSpan(Fill));
        Fill += (int)data.Length;
    }

    public void EndPage(int end)
    {
        _ends.Add(end);
        PageCount++;
    }

    /// <summary>A job of the whole pages found so far; the rest stays, at the start of a new buffer.</summary>
    public PageJob TakePages()
    {
        var end = PendingBytes;
        var next = ArrayPool<byte>.Shared.Rent(Math.Max(InitialSize, Fill - end + (64 * 1024)));
        _bytes.AsSpan(end, Fill - end).CopyTo(next);
        var job = Rent();
        job.Set(_bytes, end, _offset, _pageIndex, _ends, isTail: false);
        _bytes = next;
        _offset += end;
        _pageIndex += _ends.Count;
        Fill -= end;
        Scanned -= end;
        _ends.Clear();
        return job;
    }

    /// <summary>A job of everything buffered (no whole pages left), for the sequential reader.</summary>
    public PageJob TakeTail()
    {
        var job = Rent();
        job.Set(_bytes, Fill, _offset, _pageIndex, _ends, isTail: true);
        _bytes = [];
        Fill = 0;
        return job;
    }

    public void Dispose()
    {
        if (_bytes.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_bytes);
            _bytes = [];
        }
    }

    private PageJob Rent() => jobs.TryDequeue(out var job) ? job : new PageJob();
}
