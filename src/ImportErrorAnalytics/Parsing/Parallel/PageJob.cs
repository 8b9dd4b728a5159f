using System.Buffers;
using System.Threading.Tasks.Sources;

namespace ImportErrorAnalytics.Parsing.Parallel;

/// <summary>
/// One page's bytes on their way through a parse worker, and the outcome (a parsed page or the error). Jobs are
/// awaited in input order and reused, so a steady run allocates none.
/// </summary>
internal sealed class PageJob : IValueTaskSource
{
    private ManualResetValueTaskSourceCore<bool> _done = new() { RunContinuationsAsynchronously = true };

    /// <summary>The page's bytes (rented), from the end of the previous page through its closing brace.</summary>
    public byte[]? Bytes { get; private set; }

    public int Length { get; private set; }

    /// <summary>The absolute offset of <see cref="Bytes"/>[0] in the input.</summary>
    public long Offset { get; private set; }

    public int PageIndex { get; private set; }

    /// <summary>True for the rest of an input the splitter hands back to the sequential reader.</summary>
    public bool IsTail { get; private set; }

    public ImportErrorPage? Page { get; set; }

    public Exception? Error { get; set; }

    public void Set(byte[] bytes, int length, long offset, int pageIndex, bool isTail)
    {
        _done.Reset();
        (Bytes, Length, Offset, PageIndex, IsTail, Page, Error) = (bytes, length, offset, pageIndex, isTail, null, null);
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
