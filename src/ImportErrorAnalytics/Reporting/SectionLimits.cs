namespace ImportErrorAnalytics.Reporting;

/// <summary>
/// How many rows each kind of list may show; trimming halves the longest first. Shared by the Markdown and HTML reports,
/// so both keep to their size budgets the same way.
/// </summary>
internal sealed class SectionLimits(int rows)
{
    private readonly Dictionary<string, int> _limits = new(StringComparer.Ordinal)
    {
        ["errorTypes"] = rows,
        ["guides"] = rows,
        ["columns"] = rows,
        ["columnsWithValues"] = rows,
        ["values"] = Math.Min(rows, 20),
        ["files"] = rows,
        ["clusters"] = Math.Min(rows, 20),
        ["skipped"] = rows,
        ["imports"] = rows,
        ["perImportRows"] = rows,
    };

    private readonly Dictionary<string, int> _wanted = new(StringComparer.Ordinal);

    public int this[string list] => _limits[list];

    /// <summary>Shows at most the limit of <paramref name="list"/>; records how many there were.</summary>
    public IEnumerable<T> Take<T>(string list, IReadOnlyList<T> items)
    {
        _wanted[list] = Math.Max(_wanted.GetValueOrDefault(list), items.Count);
        return items.Take(_limits[list]);
    }

    /// <summary>Halves the list limit that cuts the most rows; false when every limit is already 1.</summary>
    public bool TrimLongest()
    {
        var longest = _limits.Keys.Where(key => _limits[key] > 1).OrderByDescending(key => Math.Min(_wanted.GetValueOrDefault(key), _limits[key])).FirstOrDefault();
        if (longest is null)
        {
            return false;
        }

        _limits[longest] = Math.Max(1, _limits[longest] / 2);
        return true;
    }
}
