namespace ImportErrorAnalytics.Testing.FakeHubSpot;

/// <summary>
/// Every request the fake server received, in arrival order. An entry appears when the request arrives (status 0,
/// not completed) and is replaced when its response ends. Thread-safe; the lists returned are copies.
/// </summary>
public sealed class RequestLog
{
    private readonly Lock _lock = new();
    private readonly List<RequestLogEntry> _entries = [];

    /// <summary>The number of requests received.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>All entries, in arrival order.</summary>
    public IReadOnlyList<RequestLogEntry> Snapshot()
    {
        lock (_lock)
        {
            return _entries.ToArray();
        }
    }

    /// <summary>The requests to an import's errors endpoint (or to any import's when <paramref name="importId"/> is <see langword="null"/>).</summary>
    /// <param name="importId">The import id.</param>
    public IReadOnlyList<RequestLogEntry> ErrorsRequests(string? importId = null) =>
        Snapshot().Where(e => e.Endpoint == FakeHubSpotEndpoint.Errors && (importId is null || e.ImportId == importId)).ToArray();

    /// <summary>The number of errors pages of the import served completely and validly (<see cref="RequestLogEntry.Succeeded"/>).</summary>
    /// <param name="importId">The import id.</param>
    public int PagesServed(string importId) => ErrorsRequests(importId).Count(e => e.Succeeded);

    /// <summary>
    /// The cursors of the import's errors pages that were asked for but never served successfully (the first page's
    /// cursor is the empty string). Empty when every page a client asked for finally arrived.
    /// </summary>
    /// <param name="importId">The import id.</param>
    public IReadOnlyList<string> UnservedCursors(string importId)
    {
        var requests = ErrorsRequests(importId);
        var served = requests.Where(e => e.Succeeded).Select(e => e.After ?? "").ToHashSet(StringComparer.Ordinal);
        return requests.Select(e => e.After ?? "").Distinct(StringComparer.Ordinal).Where(c => !served.Contains(c)).ToArray();
    }

    /// <summary>The most requests that arrived within any span of <paramref name="window"/> (HubSpot's is 10 s).</summary>
    /// <param name="window">The window length.</param>
    /// <param name="endpoint">Count only this endpoint's requests; all when <see langword="null"/>.</param>
    public int MaxRequestsInWindow(TimeSpan window, FakeHubSpotEndpoint? endpoint = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        var times = Snapshot().Where(e => endpoint is null || e.Endpoint == endpoint).Select(e => e.Timestamp).Order().ToArray();
        var best = 0;
        var start = 0;
        for (var end = 0; end < times.Length; end++)
        {
            while (times[end] - times[start] >= window)
            {
                start++;
            }

            best = Math.Max(best, end - start + 1);
        }

        return best;
    }

    internal int Begin(RequestLogEntry entry, out long number)
    {
        lock (_lock)
        {
            number = _entries.Count + 1;
            _entries.Add(entry with { Number = number });
            return _entries.Count - 1;
        }
    }

    internal RequestLogEntry Get(int index)
    {
        lock (_lock)
        {
            return _entries[index];
        }
    }

    internal void Update(int index, Func<RequestLogEntry, RequestLogEntry> change)
    {
        lock (_lock)
        {
            _entries[index] = change(_entries[index]);
        }
    }
}
