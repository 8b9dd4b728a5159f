using System.Diagnostics;
using System.Globalization;
using ImportErrorAnalytics.Parsing;
using ImportErrorAnalytics.Pipeline;
using ImportErrorAnalytics.Testing;

namespace ImportErrorAnalytics.Soak;

/// <summary>
/// One soak run: the synthetic import (HubSpot's row limit per file, enough files that no failing line is clamped)
/// streamed as pages through the public pipeline with every built-in aggregator and default capacities.
/// </summary>
internal static class SoakRun
{
    /// <summary>Columns whose every value is counted exactly: three that stay exact, two busy ones that go approximate.</summary>
    public static readonly int[] TrackedColumns = [1, 6, 7, 3, 10];

    public static async Task<SoakResult> RunAsync(SoakArguments arguments, TextWriter log)
    {
        var defaults = new AnalyzerOptions();
        if (arguments.Warmup > 0)
        {
            var warmup = Stopwatch.StartNew();
            var (warmupAnalyzer, warmupProducer) = Create(arguments, arguments.Seed + 1, arguments.Warmup, new SoakTruth(new HashSet<int>(), defaults.ClusterGap, defaults.ValueDisplayLength), null);
            var producingWarmup = Task.Run(() => warmupProducer.ProduceAsync(CancellationToken.None));
            await warmupAnalyzer.RunAsync();
            await producingWarmup;
            await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"soak: warm-up run of {arguments.Warmup:N0} errors (seed {arguments.Seed + 1}, not measured) took {warmup.Elapsed.TotalSeconds:F1} s"));
            GC.Collect();
        }

        var truth = new SoakTruth(TrackedColumns.ToHashSet(), defaults.ClusterGap, defaults.ValueDisplayLength);
        var recorder = new ProgressRecorder();
        var (analyzer, producer) = Create(arguments, arguments.Seed, arguments.Errors, truth, recorder);
        var import = producer.Import;
        await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"soak: {arguments.Errors:N0} errors in pages of {arguments.PageSize}, {import.FileCount} files, seed {arguments.Seed}, {arguments.DistinctValues:N0}-value vocabulary per column, parallelism {arguments.Parallelism ?? Environment.ProcessorCount}, server GC {System.Runtime.GCSettings.IsServerGC}"));

        var loadAtStart = LoadAverage();
        var gen0 = GC.CollectionCount(0);
        var gen1 = GC.CollectionCount(1);
        var gen2 = GC.CollectionCount(2);
        var allocated = GC.GetTotalAllocatedBytes();
        var clock = Stopwatch.StartNew();
        var producing = Task.Run(() => producer.ProduceAsync(CancellationToken.None));
        var report = await analyzer.RunAsync();
        await producing;
        var elapsed = clock.Elapsed;
        recorder.Sample(elapsed, report.Totals.Errors);

        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var samples = recorder.Samples.OrderBy(s => s.Elapsed).ToList();
        var tenths = Tenths.From(samples, arguments.Errors);
        var peak = Math.Max(process.PeakWorkingSet64, recorder.PeakSampledWorkingSet);
        var checks = SoakChecks.Run(report, truth, tenths, peak, defaults.Top);
        return new SoakResult(
            arguments,
            import.FileCount,
            elapsed,
            tenths,
            process.PeakWorkingSet64,
            recorder.PeakSampledWorkingSet,
            (GC.CollectionCount(0) - gen0, GC.CollectionCount(1) - gen1, GC.CollectionCount(2) - gen2),
            GC.GetTotalAllocatedBytes() - allocated,
            (loadAtStart, LoadAverage()),
            report,
            TrackedColumns,
            checks);
    }

    private static (ImportErrorAnalyzer Analyzer, PageProducer Producer) Create(SoakArguments arguments, int seed, long errors, SoakTruth truth, ProgressRecorder? recorder)
    {
        var import = new SyntheticImport(new SyntheticImportOptions
        {
            Seed = seed,
            Errors = errors,
            DistinctValuesPerColumn = arguments.DistinctValues,
            RowsPerFile = 1_048_576,
            MaxErrorsPerFile = arguments.MaxErrorsPerFile,
        });
        var producer = new PageProducer(import, arguments.PageSize, truth);
        var builder = ImportErrorAnalyzer.CreateBuilder().AddStream("synthetic", _ => ValueTask.FromResult(producer.OpenStream()), InputFormat.Pages);
        if (recorder is not null)
        {
            builder.WithProgress(recorder);
        }

        if (arguments.Parallelism is { } parallelism)
        {
            builder.Configure(o => o.MaxDegreeOfParallelism = parallelism);
        }

        return (builder.Build(), producer);
    }

    /// <summary>The one-minute load average (Linux), or NaN where there is none.</summary>
    private static double LoadAverage() =>
        File.Exists("/proc/loadavg")
        && double.TryParse(File.ReadAllText("/proc/loadavg").Split(' ')[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var load)
            ? load
            : double.NaN;
}
