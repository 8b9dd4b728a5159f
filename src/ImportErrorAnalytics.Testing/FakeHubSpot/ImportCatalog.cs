using ImportErrorAnalytics.Model;

namespace ImportErrorAnalytics.Testing.FakeHubSpot;

/// <summary>The imports a server knows, in the order they were added. Thread-safe.</summary>
internal sealed class ImportCatalog
{
    private readonly Lock _lock = new();
    private readonly List<ImportRecord> _ordered = [];
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);

    /// <summary>Adds an import, or replaces the one with the same id (keeping its place in the list).</summary>
    public void Set(ImportRecord import)
    {
        lock (_lock)
        {
            if (_index.TryGetValue(import.Id, out var at))
            {
                _ordered[at] = import;
            }
            else
            {
                _index[import.Id] = _ordered.Count;
                _ordered.Add(import);
            }
        }
    }

    /// <summary>
    /// The import a path names. HubSpot types <c>{importId}</c> as an int64, so any spelling of the number names the
    /// import (<c>01</c> is import 1); anything else names none.
    /// </summary>
    public ImportRecord? Find(string id)
    {
        if (!HubSpotImportIds.TryCanonicalize(id, out var canonical))
        {
            return null;
        }

        lock (_lock)
        {
            return _index.TryGetValue(canonical, out var at) ? _ordered[at] : null;
        }
    }

    public ImportRecord[] All()
    {
        lock (_lock)
        {
            return _ordered.ToArray();
        }
    }
}
