using ImportErrorAnalytics.Benchmarks.Poco;
using ImportErrorAnalytics.Reporting;

namespace ImportErrorAnalytics.Benchmarks;

/// <summary>
/// Checks once, in setup, that the POCO + LINQ code answers what the library answers, so the comparison is between
/// two ways of doing the same work.
/// </summary>
public static class ResultCheck
{
    public static void SameAnswers(ImportErrorReport library, PocoReport poco)
    {
        ArgumentNullException.ThrowIfNull(library);
        ArgumentNullException.ThrowIfNull(poco);
        Same("errors", library.Totals.Errors, poco.Errors);
        Same("redacted values", library.Totals.RedactedValues, poco.RedactedValues);
        Same("unknown error types", library.Totals.UnknownErrorTypeErrors, poco.UnknownErrorTypeErrors);
        Same("error types", string.Join(",", library.ErrorTypes.Select(x => $"{x.ErrorType}={x.Count}")), string.Join(",", poco.ErrorTypes.Select(x => $"{x.Name}={x.Count}")));
        Same("object types", string.Join(",", library.ObjectTypes.Select(x => $"{x.ObjectType}={x.Count}")), string.Join(",", poco.ObjectTypes.Select(x => $"{x.Name}={x.Count}")));
        Same("columns", string.Join(",", library.Columns.Select(x => $"{x.Column}:{x.Property}={x.Count}")), string.Join(",", poco.Columns.Select(x => $"{x.Column}:{x.Property}={x.Count}")));
        Same("values counted", string.Join(",", library.TopInvalidValues.Select(x => $"{x.Column}={x.ValuesCounted}")), string.Join(",", poco.TopValues.Select(x => $"{x.Column}={x.Total}")));
        foreach (var exact in library.TopInvalidValues.Where(x => x.Exact))
        {
            var other = poco.TopValues.Single(x => x.Column == exact.Column);
            Same($"distinct values of column {exact.Column}", exact.DistinctValues ?? -1, other.DistinctValues);
            Same($"top counts of column {exact.Column}", string.Join(",", exact.Values.Select(v => v.Count)), string.Join(",", other.Top.Select(v => v.Count)));
        }

        Same("files", string.Join(",", library.LineClusters.Select(f => $"{f.FileId}:{f.Errors}/{f.FileWideErrors}/{f.Lines}/{f.ClusterCount}")), string.Join(",", poco.Files.Select(f => $"{f.FileId}:{f.Errors}/{f.FileWideErrors}/{f.DistinctLines}/{f.Clusters.Count}")));
    }

    private static void Same<T>(string what, T library, T poco)
    {
        if (!EqualityComparer<T>.Default.Equals(library, poco))
        {
            throw new InvalidOperationException($"POCO + LINQ and the library disagree on {what}: library {library}, POCO {poco}.");
        }
    }

    private static void Same(string what, long library, int poco) => Same(what, library, (long)poco);
}
