using System.Text;
using System.Text.Json;
using ImportErrorAnalytics.Reporting;

namespace ImportErrorAnalytics.Tests.Reporting.Html;

/// <summary>Reports built by hand, so that any string can stand in any field a report has.</summary>
internal static class HandBuiltReports
{
    /// <summary>A combined report of two imports with <paramref name="text"/> in every text field (and as a custom result).</summary>
    public static ImportErrorReport With(string text, int rows = 3, bool exact = true)
    {
        var types = Enumerable.Range(0, rows).Select(i => new ErrorTypeCount { ErrorType = text + i, Count = 100 - i, Known = i % 2 == 0 }).ToList();
        var values = Enumerable.Range(0, rows).Select(i => new InvalidValueCount { Value = text + "v" + i, Count = 50 - i, MaxError = exact ? 0 : 2, Length = text.Length + 2 }).ToList();
        return new ImportErrorReport
        {
            Sources =
            [
                Source(text + "id-a", text),
                Source(text + "id-b", text),
            ],
            Totals = new ReportTotals { Errors = types.Sum(t => t.Count), Pages = 2, Inputs = 1 },
            Settings = new ReportSettings { Top = 20, DistinctCapacity = 1000, ClusterGap = 2, ValueDisplayLength = 200, MaxDistinctKeys = 10000 },
            ErrorTypes = types,
            Columns = Enumerable.Range(0, rows).Select(i => new ColumnSummary { Column = i, Property = text + "p" + i, Count = 60 - i, ErrorTypes = types.Take(2).ToList() }).ToList(),
            ObjectTypes = [new ObjectTypeCount { ObjectType = text, Count = 1 }],
            TopInvalidValues = [new ColumnTopValues { Column = 0, Property = text, Exact = exact, DistinctValues = exact ? rows : null, DistinctValuesAtLeast = rows, ValuesCounted = 200, Values = values }],
            LineClusters =
            [
                new FileLineClusters
                {
                    FileId = 7,
                    Errors = 90,
                    Lines = 40,
                    FileWideErrors = 1,
                    ClusterCount = rows,
                    Clusters = Enumerable.Range(0, rows).Select(i => new LineCluster { FirstLine = 1 + i * 100, LastLine = 10 + i * 100, Lines = 8, Errors = 30 - i }).ToList(),
                },
            ],
            Skipped = [new SkippedInput { Source = text + "file.json", Page = 3, ByteOffset = 99, Record = 2, Reason = text + "reason", Action = "page skipped" }],
            Custom = new Dictionary<string, CustomAggregatorResult> { [text + "agg"] = new(new TextResult(text + "agg", CustomValue(text))) },
            PerImport = new PerImportTables
            {
                Totals = [new ImportTotalsRow { ImportId = text + "id-a", Errors = 60 }, new ImportTotalsRow { ImportId = text + "id-b", Errors = 30 }],
                ErrorTypes = [new ImportErrorTypeRow { ImportId = text + "id-a", ErrorType = text + "0", Count = 60 }, new ImportErrorTypeRow { ImportId = text + "id-b", ErrorType = text + "1", Count = 30 }],
                Columns = [],
                ObjectTypes = [],
            },
        };
    }

    /// <summary>The custom result's string: JSON cannot hold an unpaired surrogate, so each becomes U+FFFD.</summary>
    public static string CustomValue(string text) => Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text));

    private static ReportSource Source(string id, string text) => new()
    {
        ImportId = id,
        ImportName = text + "name",
        State = text + "state",
        CreatedAt = text,
        Counters = new Dictionary<string, long>(),
        TotalRows = 1000,
        ErrorRate = 0.09,
        FailingRowRate = 0.04,
        Warnings = [text + "warning"],
    };

    /// <summary>A custom result whose JSON is one string.</summary>
    internal sealed class TextResult(string name, string value) : IResultSource
    {
        public string Name => name;

        public void WriteResult(Utf8JsonWriter writer) => writer.WriteStringValue(value);

        public TResult? GetResultAs<TResult>() => default;
    }
}
