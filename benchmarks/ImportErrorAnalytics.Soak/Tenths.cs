namespace ImportErrorAnalytics.Soak;

/// <summary>Cuts the run into tenths of its errors and times each from the progress samples.</summary>
internal static class Tenths
{
    /// <summary>
    /// The last tenth ends at the last sample taken before every error was committed: the samples after it also time
    /// the final merge of the workers' states and the report, which are not throughput.
    /// </summary>
    public static IReadOnlyList<Tenth> From(IReadOnlyList<SoakSample> all, long errors)
    {
        var samples = all.Where(s => s.Errors < errors).ToList();
        var tenths = new List<Tenth>(10);
        var previousTime = TimeSpan.Zero;
        var previousCpu = samples[0].Cpu;
        long previousBoundary = 0;
        for (var k = 1; k <= 10; k++)
        {
            var boundary = k < 10 ? errors * k / 10 : samples[^1].Errors;
            var (time, cpu) = At(samples, boundary);
            var after = samples.FirstOrDefault(s => s.Errors >= boundary, samples[^1]);
            var before = samples.LastOrDefault(s => s.Errors <= previousBoundary, samples[0]);
            var duration = time - previousTime;
            var cpuTime = cpu - previousCpu;
            tenths.Add(new Tenth(
                k,
                previousBoundary,
                boundary,
                duration,
                duration > TimeSpan.Zero ? (boundary - previousBoundary) / duration.TotalSeconds : double.NaN,
                cpuTime > TimeSpan.Zero ? (boundary - previousBoundary) / cpuTime.TotalSeconds : double.NaN,
                after.WorkingSet,
                after.Gen0 - before.Gen0,
                after.Gen1 - before.Gen1,
                after.Gen2 - before.Gen2));
            previousTime = time;
            previousCpu = cpu;
            previousBoundary = boundary;
        }

        return tenths;
    }

    /// <summary>
    /// When the run committed its <paramref name="errors"/>-th error, and the CPU time spent by then, interpolated
    /// between the samples around it.
    /// </summary>
    private static (TimeSpan Elapsed, TimeSpan Cpu) At(List<SoakSample> samples, long errors)
    {
        for (var i = 1; i < samples.Count; i++)
        {
            var (a, b) = (samples[i - 1], samples[i]);
            if (b.Errors >= errors && b.Errors > a.Errors)
            {
                var share = Math.Clamp((double)(errors - a.Errors) / (b.Errors - a.Errors), 0, 1);
                return (a.Elapsed + ((b.Elapsed - a.Elapsed) * share), a.Cpu + ((b.Cpu - a.Cpu) * share));
            }
        }

        return (samples[^1].Elapsed, samples[^1].Cpu);
    }
}
