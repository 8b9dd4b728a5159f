using ImportErrorAnalytics.Model;

namespace ImportErrorAnalytics.FailedRows;

/// <summary>
/// The names of the cell columns: the import's column mappings (<c>importRequestJson</c>) when every file of the
/// failed rows is one of the import's files with mappings, and all of them name the same columns; else
/// <c>column_1</c> to <c>column_N</c>. N is the most cells any row has; columns past the mappings are <c>column_K</c>.
/// </summary>
internal static class FailedRowsHeader
{
    public static (IReadOnlyList<string> Names, bool FromMappings) Build(int cells, IReadOnlySet<long?> files, bool manyFiles, IReadOnlyList<HubSpotImport> imports)
    {
        var mapped = manyFiles || files.Count == 0 ? null : Mappings(files, imports);
        var names = new string[cells];
        for (var i = 0; i < cells; i++)
        {
            names[i] = mapped is not null && i < mapped.Count ? mapped[i] : $"column_{i + 1}";
        }

        return (names, mapped is not null);
    }

    /// <summary>The one list of column names every file has, or <see langword="null"/>.</summary>
    private static IReadOnlyList<string>? Mappings(IReadOnlySet<long?> files, IReadOnlyList<HubSpotImport> imports)
    {
        IReadOnlyList<string>? common = null;
        foreach (var file in files)
        {
            var names = file is { } id ? imports.Select(import => import.ColumnNamesOf(id)).FirstOrDefault(found => found is not null) : null;
            if (names is null || (common is not null && !common.SequenceEqual(names, StringComparer.Ordinal)))
            {
                return null;
            }

            common = names;
        }

        return common;
    }
}
