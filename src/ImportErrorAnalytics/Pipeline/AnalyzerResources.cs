namespace ImportErrorAnalytics.Pipeline;

/// <summary>
/// What one analyzer owns beyond its options (a source package's rate limiters, say): made when
/// <see cref="ImportErrorAnalyzerBuilder.Build"/> makes its sources, shared by those sources only, and disposed with the
/// analyzer. Nothing here outlives it, and no other analyzer sees it.
/// </summary>
internal sealed class AnalyzerResources : IAsyncDisposable
{
    private readonly Dictionary<object, object> _items = [];
    private readonly List<object> _owned = [];
    private bool _disposed;

    /// <summary>The item kept under <paramref name="key"/>, made by <paramref name="create"/> (and owned) the first time.</summary>
    /// <typeparam name="T">The item's type.</typeparam>
    /// <param name="key">Its key: a type for one per analyzer, an object of the caller's for one per call.</param>
    /// <param name="create">Makes it.</param>
    public T GetOrAdd<T>(object key, Func<T> create)
        where T : class
    {
        lock (_items)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_items.TryGetValue(key, out var item))
            {
                return (T)item;
            }

            var made = create();
            _items.Add(key, made);
            _owned.Add(made);
            return made;
        }
    }

    /// <summary>Disposes what it owns, the last made first.</summary>
    public async ValueTask DisposeAsync()
    {
        object[] owned;
        lock (_items)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            owned = [.. _owned];
            _owned.Clear();
            _items.Clear();
        }

        for (var i = owned.Length - 1; i >= 0; i--)
        {
            switch (owned[i])
            {
                case IAsyncDisposable async:
                    await async.DisposeAsync().ConfigureAwait(false);
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }
        }
    }
}
