using System.Collections.Concurrent;

namespace ImportErrorAnalytics.Parsing;

/// <summary>Reuses pages (and their buffers) so steady-state parsing allocates nothing.</summary>
internal sealed class PagePool
{
    private readonly ConcurrentQueue<ImportErrorPage> _pages = new();
    private readonly int _maxRetained;
    private int _retained;

    public PagePool(int maxRetained = 64) => _maxRetained = maxRetained;

    public ImportErrorPage Rent()
    {
        if (_pages.TryDequeue(out var page))
        {
            Interlocked.Decrement(ref _retained);
            return page;
        }

        return new ImportErrorPage();
    }

    public void Return(ImportErrorPage page)
    {
        if (Interlocked.Increment(ref _retained) <= _maxRetained)
        {
            _pages.Enqueue(page);
        }
        else
        {
            Interlocked.Decrement(ref _retained);
        }
    }
}
