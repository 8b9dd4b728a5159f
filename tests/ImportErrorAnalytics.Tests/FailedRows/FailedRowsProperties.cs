using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ImportErrorAnalytics.FailedRows;
using ImportErrorAnalytics.Pipeline;
using ImportErrorAnalytics.Testing;
using ImportErrorAnalytics.Tests.Parsing;
using ImportErrorAnalytics.Tests.Support;

namespace ImportErrorAnalytics.Tests.FailedRows;

/// <summary>
/// The failed-rows CSV is exact: each failing line once, with all its errors, equal to a plain in-memory reference,
/// whatever the order of the errors across pages, the parts, the workers and the spills (a budget of a few bytes makes
/// nearly every page a sorted run of its own, merged at the end); and a strict RFC 4180 reader reads back exactly the
/// cells HubSpot sent, the guard adding a leading quote exactly to formula-like ones.
/// </summary>
public class FailedRowsProperties
{
    [Property(MaxTest = 60)]
    public Property Csv_IsEachFailingLineOnce_WithAllItsErrors_AsTheReferenceHasIt() =>
        Prop.ForAll(ErrorGenerators.ErrorsAndSeed, input =>
        {
            var (generated, seed) = input;
            var errors = Unique(generated);
            var random = new Random(seed);
            var guard = random.Next(2) == 0;
            var budget = random.Next(3) == 0 ? 1 : 1 + random.Next(4000);
            var (rows, summary) = Run(errors, seed, guard, budget, workers: 1 + random.Next(3));

            try
            {
                AssertRows(FailedRowsReference.Rows(errors, guard), rows);
            }
            catch (Exception ex)
            {
                throw new InvalidOperationException(string.Join("\n", errors.Select(e => System.Text.Json.JsonSerializer.Serialize(e))), ex);
            }

            Assert.Equal(errors.LongCount(error => error.LineNumber is null or 0), summary.FileWideErrors);
            Assert.Equal(errors.LongCount(error => error.LineNumber >= 1), summary.Errors);
            Assert.Equal(rows.Count - 1, summary.Rows);
            if (budget == 1)
            {
                // Every error went over the budget alone: one sorted run each, all merged; past the merge's width the
                // runs are first merged in groups into longer ones, each a spill file of its own.
                var longer = 0L;
                for (var runs = summary.Errors; runs > FailedRowsCollector.MaxMergeWidth - 1; runs = (runs + FailedRowsCollector.MaxMergeWidth - 1) / FailedRowsCollector.MaxMergeWidth)
                {
                    longer += (runs + FailedRowsCollector.MaxMergeWidth - 1) / FailedRowsCollector.MaxMergeWidth;
                }

                Assert.Equal(summary.Errors + longer, summary.SpillFiles);
            }
        });

    [Property(MaxTest = 100)]
    public Property Csv_ReadsBackExactlyTheCellsSent_WithTheGuardOnlyOnFormulaLikeOnes() =>
        Prop.ForAll(Arb.From(from cells in ErrorGenerators.Cell.ArrayOf() from seed in Gen.Choose(0, int.MaxValue) select (cells.Take(20).ToArray(), seed)), input =>
        {
            var (cells, seed) = input;
            var guard = seed % 2 == 0;
            SyntheticError[] errors = [new() { Id = "e1", ErrorType = "INVALID_EMAIL", FileId = 7, LineNumber = 3, RowData = cells, ErrorMessage = cells.FirstOrDefault() }];
            var (rows, _) = Run(errors, seed, guard, budget: FailedRowsOptions.DefaultMemoryBudgetBytes, workers: 1);

            Assert.Equal(2, rows.Count);
            var expected = cells.Select(cell => guard && CsvText.IsFormulaLike(cell) ? "'" + cell : cell).ToArray();
            Assert.Equal(expected, rows[1][2..(2 + cells.Length)]);
            Assert.Equal(cells.FirstOrDefault() is { } message ? FailedRowsReference.Guard(FailedRowsReference.Join([message]), guard) : "", rows[1][^1]);
        });

    /// <summary>The same pages read twice (two inputs of the same content) list each error once.</summary>
    [Property(MaxTest = 30)]
    public Property Csv_ListsAnErrorSeenTwiceOnce() =>
        Prop.ForAll(ErrorGenerators.ErrorsAndSeed, input =>
        {
            var (generated, seed) = input;
            var errors = Unique(generated);
            var (once, _) = Run(errors, seed, guard: true, budget: 500, workers: 2);
            var (twice, summary) = Run(errors, seed, guard: true, budget: 500, workers: 2, copies: 2);

            Assert.Equal(once, twice);
            Assert.Equal(errors.LongCount(error => error.LineNumber >= 1), summary.Errors);
        });

    /// <summary>Row by row, each shown whole (fields between ␞) where they differ.</summary>
    internal static void AssertRows(List<string[]> expected, List<string[]> actual)
    {
        for (var i = 0; i < Math.Min(expected.Count, actual.Count); i++)
        {
            Assert.Equal(string.Join("␞", expected[i]), string.Join("␞", actual[i]));
        }

        Assert.Equal(expected.Count, actual.Count);
    }

    /// <summary>Ids made unique (the generator's may repeat): repeated ids are the subject of their own property.</summary>
    internal static SyntheticError[] Unique(SyntheticError[] errors) =>
        errors.Select((error, i) => error with { Id = $"{error.Id}#{i}" }).ToArray();

    internal static (List<string[]> Rows, FailedRowsSummary Summary) Run(
        IReadOnlyList<SyntheticError> errors, int seed, bool guard, long budget, int workers, int copies = 1)
    {
        using var temp = new TempDirectory();
        var bytes = RandomJson.Pages(ParserProperties.SplitIntoPages([.. errors], seed), seed);
        var csv = Path.Combine(temp.Path, "failed.csv");
        FailedRowsSummary? summary = null;
        var builder = ImportErrorAnalyzer.CreateBuilder().Configure(options =>
        {
            options.MaxDegreeOfParallelism = workers;
            options.Limits.MaxRecordsPerPart = 1 + (seed % 5);
        });
        for (var i = 0; i < copies; i++)
        {
            builder.AddPath(temp.File($"pages-{i}.json", bytes));
        }

        using var analyzer = builder
            .WithFailedRows(csv, new FailedRowsOptions { Formulas = guard ? FailedRowsFormulas.Escape : FailedRowsFormulas.Keep, MemoryBudgetBytes = budget, Written = s => summary = s })
            .Build();
        analyzer.RunAsync().GetAwaiter().GetResult();

        Assert.Equal([Path.Combine(temp.Path, "failed.csv"), .. Enumerable.Range(0, copies).Select(i => Path.Combine(temp.Path, $"pages-{i}.json"))],
            Directory.GetFileSystemEntries(temp.Path).Order(StringComparer.Ordinal));
        return (StrictCsv.Read(File.ReadAllBytes(csv)), summary!);
    }
}
