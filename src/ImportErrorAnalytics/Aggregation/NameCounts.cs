using ImportErrorAnalytics.Model;

namespace ImportErrorAnalytics.Aggregation;

/// <summary>Counts per interned name id (error types, object types); grows when HubSpot adds a name.</summary>
internal sealed class NameCounts
{
    private long[] _counts;

    public NameCounts(int initialNames) => _counts = new long[Math.Max(initialNames, 8)];

    public int Length => _counts.Length;

    public long this[int id] => id < _counts.Length ? _counts[id] : 0;

    public void Add(int id, long count = 1)
    {
        if (id >= _counts.Length)
        {
            Array.Resize(ref _counts, Math.Max(id + 1, _counts.Length * 2));
        }

        _counts[id] += count;
    }

    public void Merge(NameCounts other)
    {
        for (var id = 0; id < other._counts.Length; id++)
        {
            if (other._counts[id] != 0)
            {
                Add(id, other._counts[id]);
            }
        }
    }

    /// <summary>The non-zero counts, sorted by count descending, then by name (absent last).</summary>
    public List<(string? Name, bool Known, long Count)> Sorted(NameTable table)
    {
        var list = new List<(string? Name, bool Known, long Count)>();
        for (var id = 0; id < _counts.Length; id++)
        {
            if (_counts[id] != 0)
            {
                list.Add((table[id], table.IsKnown(id), _counts[id]));
            }
        }

        list.Sort(static (a, b) => b.Count != a.Count ? b.Count.CompareTo(a.Count) : CompareNames(a.Name, b.Name));
        return list;
    }

    internal static int CompareNames(string? a, string? b) =>
        a is null ? (b is null ? 0 : 1) : b is null ? -1 : string.CompareOrdinal(a, b);
}
