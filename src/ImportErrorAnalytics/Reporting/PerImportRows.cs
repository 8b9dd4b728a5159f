namespace ImportErrorAnalytics.Reporting;

/// <summary>Builds a combined report's <see cref="PerImportTables"/> from the combined tables and the per-import reports.</summary>
internal static class PerImportRows
{
    public static PerImportTables Build(ImportErrorReport combined, IReadOnlyList<(string ImportId, ImportErrorReport Report)> imports) => new()
    {
        Totals = imports.Select(i => new ImportTotalsRow
        {
            ImportId = i.ImportId,
            Errors = i.Report.Totals.Errors,
            Pages = i.Report.Totals.Pages,
            Bytes = i.Report.Totals.Bytes,
            RedactedValues = i.Report.Totals.RedactedValues,
            UnknownErrorTypeErrors = i.Report.Totals.UnknownErrorTypeErrors,
        }).ToList(),
        ErrorTypes = Rows(
            combined.ErrorTypes,
            imports,
            report => report.ErrorTypes,
            type => (type.ErrorType, type.Other),
            (id, type) => new ImportErrorTypeRow { ImportId = id, ErrorType = type.ErrorType, Count = type.Count, Known = type.Known, Other = type.Other }),
        Columns = Rows(
            combined.Columns,
            imports,
            report => report.Columns,
            column => (column.Column, column.Other),
            (id, column) => new ImportColumnRow { ImportId = id, Column = column.Column, Property = column.Property, Count = column.Count, Other = column.Other }),
        ObjectTypes = Rows(
            combined.ObjectTypes,
            imports,
            report => report.ObjectTypes,
            type => (type.ObjectType, type.Other),
            (id, type) => new ImportObjectTypeRow { ImportId = id, ObjectType = type.ObjectType, Count = type.Count, Other = type.Other }),
    };

    /// <summary>For each key of the combined table, in its order, the row of each import that has the key, in import order.</summary>
    private static List<TRow> Rows<TItem, TKey, TRow>(
        IReadOnlyList<TItem> combined,
        IReadOnlyList<(string ImportId, ImportErrorReport Report)> imports,
        Func<ImportErrorReport, IReadOnlyList<TItem>> table,
        Func<TItem, TKey> key,
        Func<string, TItem, TRow> row)
    {
        var byImport = imports.Select(i => (i.ImportId, Items: table(i.Report).ToDictionary(item => new Key<TKey>(key(item))))).ToList();
        var rows = new List<TRow>();
        foreach (var item in combined)
        {
            foreach (var (importId, items) in byImport)
            {
                if (items.TryGetValue(new Key<TKey>(key(item)), out var found))
                {
                    rows.Add(row(importId, found));
                }
            }
        }

        return rows;
    }

    /// <summary>A dictionary key that also allows <see langword="null"/> (records without a type or column).</summary>
    private readonly record struct Key<T>(T Value);
}
