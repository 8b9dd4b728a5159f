namespace ImportErrorAnalytics.Aggregation;

/// <summary>Counters of committed pages, shared by the aggregation workers of one run.</summary>
internal sealed class RunCounters
{
    private long _pages;
    private long _blocks;
    private long _errors;
    private long _bytes;

    public int Inputs { get; init; }

    public long Pages => Interlocked.Read(ref _pages);

    public long Errors => Interlocked.Read(ref _errors);

    public long Bytes => Interlocked.Read(ref _bytes);

    public long Committed => Pages + Interlocked.Read(ref _blocks);

    public void Restore(long pages, long errors, long bytes)
    {
        _pages = pages;
        _errors = errors;
        _bytes = bytes;
    }

    public void Commit(bool responsePage, long errors, long bytes)
    {
        Interlocked.Increment(ref responsePage ? ref _pages : ref _blocks);
        Interlocked.Add(ref _errors, errors);
        Interlocked.Add(ref _bytes, bytes);
    }
}
