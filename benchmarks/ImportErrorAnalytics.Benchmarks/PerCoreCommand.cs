using System.Diagnostics;
using System.Globalization;
using System.IO.Pipelines;
using System.Text.Json;
using ImportErrorAnalytics.Aggregation.BuiltIn;
using ImportErrorAnalytics.Parsing;
using ImportErrorAnalytics.Pipeline;

namespace ImportErrorAnalytics.Benchmarks;

/// <summary>
/// <c>per-core [--errors 100000] [--rounds 21]</c>: the per-core ratios of <see cref="ParseAndAggregateBenchmarks"/>
/// measured so that a shared machine's changing load cancels out: each round times the bare token scan and, right
/// after it, each way of parsing the same bytes on one thread, and the ratios are taken within the round; the command
/// prints each round and the medians of the ratios (and of the times), plus the bytes allocated per record.
/// BenchmarkDotNet times each benchmark in its own block of minutes, during which the load of other processes moves.
/// </summary>
internal static class PerCoreCommand
{
    public static int Run(string[] args)
    {
        var errors = Option(args, "--errors", 100_000);
        var rounds = Option(args, "--rounds", 21);
        var pages = BenchmarkData.RealisticPages(errors);
        (string Name, Func<long> Run)[] ways =
        [
            ("ParseWholePages", () => ParseAndAggregateBenchmarks.ParseWholePagesOf(pages)),
            ("ParseAndAggregateWholePagesOneThread", () => ParseAndAggregateBenchmarks.AggregateWholePagesOf(pages)),
            ("ParseAndAggregateOneThread", () => OneThreadThroughPipe(pages)),
        ];

        // Warm-up: every way reaches its optimized code before the measured rounds.
        for (var i = 0; i < 5; i++)
        {
            BareTokenScan(pages);
            foreach (var way in ways)
            {
                way.Run();
            }
        }

        var ratios = ways.Select(_ => new List<double>()).ToArray();
        var times = new List<double>[ways.Length + 1];
        for (var i = 0; i < times.Length; i++)
        {
            times[i] = [];
        }

        Console.WriteLine($"{errors} errors, {pages.Length} bytes, {rounds} rounds; per round: bare scan ms, then each way's ms (ratio to the bare scan)");
        for (var round = 0; round < rounds; round++)
        {
            var bare = Time(() => BareTokenScan(pages));
            times[0].Add(bare);
            var line = $"round {round + 1,2}: bare {bare,7:F1}";
            for (var w = 0; w < ways.Length; w++)
            {
                var ms = Time(ways[w].Run);
                times[w + 1].Add(ms);
                ratios[w].Add(ms / bare);
                line += $" | {ms,7:F1} ({ms / bare:F2})";
            }

            Console.WriteLine(line);
        }

        Console.WriteLine($"median BareTokenScan: {Median(times[0]):F1} ms");
        for (var w = 0; w < ways.Length; w++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            ways[w].Run();
            var perRecord = (double)(GC.GetAllocatedBytesForCurrentThread() - before) / errors;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"median {ways[w].Name}: {Median(times[w + 1]):F1} ms, ratio to the bare scan: median {Median(ratios[w]):F2} (quartiles {Quantile(ratios[w], 0.25):F2}-{Quantile(ratios[w], 0.75):F2}), allocated {perRecord:F2} B per record"));
        }

        return 0;
    }

    private static long BareTokenScan(byte[] pages)
    {
        var reader = new Utf8JsonReader(pages, new JsonReaderOptions { AllowMultipleValues = true });
        long tokens = 0;
        while (reader.Read())
        {
            tokens++;
        }

        return tokens;
    }

    /// <summary>As <see cref="ParseAndAggregateBenchmarks.ParseAndAggregateOneThread"/>: through a pipe of 4 KB segments.</summary>
    private static long OneThreadThroughPipe(byte[] pages)
    {
        var slots = new BuiltInAggregators(new AnalyzerOptions().ToBuiltInSettings()).CreateSlots();
        var reader = PipeReader.Create(new MemoryStream(pages));
        var enumerator = ImportErrorPageReader.ReadPagesAsync(reader, "bench").GetAsyncEnumerator();
        while (enumerator.MoveNextAsync().AsTask().GetAwaiter().GetResult())
        {
            foreach (var slot in slots)
            {
                slot.AddPage(enumerator.Current);
            }
        }

        enumerator.DisposeAsync().AsTask().GetAwaiter().GetResult();
        reader.Complete();
        return slots.Length;
    }

    private static double Time(Func<long> run)
    {
        var watch = Stopwatch.StartNew();
        run();
        return watch.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> values) => Quantile(values, 0.5);

    private static double Quantile(List<double> values, double q)
    {
        var sorted = values.Order().ToArray();
        var at = q * (sorted.Length - 1);
        var low = (int)Math.Floor(at);
        var high = (int)Math.Ceiling(at);
        return sorted[low] + ((sorted[high] - sorted[low]) * (at - low));
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
