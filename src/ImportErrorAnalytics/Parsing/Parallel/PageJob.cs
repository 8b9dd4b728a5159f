using System.Buffers;
using System.Threading.Tasks.Sources;

namespace ImportErrorAnalytics.Parsing.Parallel;

/// <summary>
/// A run of consecutive pages on their way through a parse worker, and the outcome: the pages that parsed and, when one
/// did not, its error. Several pages per job keep the hand-offs between threads few. Jobs are awaited in input order and
/// reused, so a steady run allocates none.
/// </summary>
internal sealed class PageJob : IValueTaskSource
{
    private ManualResetValueTaskSourceCore<bool> _done = new() { RunContinuationsAsynchronously = true };

    /// <summary>The pages' bytes (rented), from the end of the page before them through the last one's closing brace.</summary>
    public byte[]? Bytes { get; private set; }

    public int Length { get; private set; }

    /// <summary>The absolute offset of <see cref="Bytes"/>[0] in the input.</summary>
    public long Offset { get; private set; }

    /// <summary>The index of the first page in the input.</summary>
    public int PageIndex { get; private set; }

    /// <summary>Where each page ends in <see cref="Bytes"/> (the next one starts there).</summary>
    public List<int> Ends { get; } = [];

    /// <summary>The pages parsed so far, in order; after a failure, the ones before it.</summary>
    public List<ImportErrorPage> Pages { get; } = [];

    /// <summary>True for the rest of an input the splitter hands back to the sequential reader.</summary>
    public bool IsTail { get; private set; }

    public Exception? Error { get; set; }

    public void Set(byte[] bytes, int length, long offset, int pageIndex, List<int> ends, bool isTail)
    {
        _done.Reset();
        (Bytes, Length, Offset, PageIndex, IsTail, Error) = (bytes, length, offset, pageIndex, isTail, null);
        Ends.Clear();
        Ends.AddRange(ends);
        Pages.Clear();
    }

    /// <summary>Gives the bytes back to the pool.</summary>
    public void ReleaseBytes()
    {
        if (Bytes is not null)
        {
            ArrayPool<byte>.Shared.Return(Bytes);
            Bytes = null;
        }
    }

    public void Complete() => _done.SetResult(true);

    public ValueTask WaitAsync() => new(this, _done.Version);

    void IValueTaskSource.GetResult(short token) => _done.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => _done.GetStatus(token);

    void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _done.OnCompleted(continuation, state, token, flags);
}
