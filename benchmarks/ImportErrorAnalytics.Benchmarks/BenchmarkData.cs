using System.Collections.Concurrent;
using ImportErrorAnalytics.Testing;

namespace ImportErrorAnalytics.Benchmarks;

/// <summary>
/// The inputs, built once per process from <see cref="SyntheticImport"/> (deterministic: equal options give equal
/// bytes): consecutive HubSpot response pages of <see cref="PageSize"/> errors in one byte array.
/// </summary>
public static class BenchmarkData
{
    public const int PageSize = 100;

    public const int Seed = 7;

    /// <summary>Errors in the main comparison.</summary>
    public const int Errors = 100_000;

    /// <summary>Each column's vocabulary in the realistic data: more than the default distinct capacity (10,000), so the busy columns go approximate.</summary>
    public const int RealisticVocabulary = 20_000;

    /// <summary>Each column's vocabulary in the bounded-allocation runs.</summary>
    public const int SmallVocabulary = 50;

    /// <summary>Rows per file in the bounded-allocation runs: the failing lines (and so the line clusters) stop growing.</summary>
    public const int SmallRowsPerFile = 20_000;

    private static readonly ConcurrentDictionary<(long Errors, bool Small), byte[]> Cache = new();

    /// <summary>The realistic import: Zipf values over a 20,000-value vocabulary per column, 0.05 % 4 KB values, clustered lines.</summary>
    public static byte[] RealisticPages(long errors = Errors) => Cache.GetOrAdd((errors, false), static key => new SyntheticImport(Realistic(key.Errors)).ToPageBytes(PageSize));

    /// <summary>
    /// An import whose distinct values do not grow with its errors: 50 values per column, no large (unique) values,
    /// 20,000 rows per file. Doubling the errors doubles the records, not the distinct values, lines or clusters.
    /// </summary>
    public static byte[] SmallVocabularyPages(long errors) => Cache.GetOrAdd((errors, true), static key => new SyntheticImport(Small(key.Errors)).ToPageBytes(PageSize));

    public static SyntheticImportOptions Realistic(long errors) => new()
    {
        Seed = Seed,
        Errors = errors,
        DistinctValuesPerColumn = RealisticVocabulary,
    };

    public static SyntheticImportOptions Small(long errors) => new()
    {
        Seed = Seed,
        Errors = errors,
        DistinctValuesPerColumn = SmallVocabulary,
        LargeValueRate = 0,
        RowsPerFile = SmallRowsPerFile,
    };
}
