using System.Collections.Concurrent;
using ImportErrorAnalytics.Model;

namespace ImportErrorAnalytics.Parsing;

/// <summary>
/// Reuses pages (and their buffers) so steady-state parsing allocates nothing. A pool serves one run: its pages carry
/// the run's name tables, so every page of the run numbers names the same way, and no other run's names.
/// </summary>
internal sealed class PagePool
{
    private readonly ConcurrentQueue<ImportErrorPage> _pages = new();
    private readonly int _maxRetained;
    private int _retained;

    /// <param name="maxRetained">Pages kept for reuse.</param>
    /// <param name="names">The run's name tables; new ones with the default limit when <see langword="null"/>.</param>
    public PagePool(int maxRetained = 64, RunNames? names = null)
    {
        _maxRetained = maxRetained;
        Names = names ?? new RunNames(RunNames.DefaultMaxUnknown);
    }

    /// <summary>The name tables of the run the pool serves.</summary>
    public RunNames Names { get; }

    public ImportErrorPage Rent()
    {
        if (_pages.TryDequeue(out var page))
        {
            Interlocked.Decrement(ref _retained);
            return page;
        }

        return new ImportErrorPage(Names);
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
