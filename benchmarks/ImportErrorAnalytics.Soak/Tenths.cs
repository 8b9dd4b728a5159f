namespace ImportErrorAnalytics.Soak;

/// <summary>Cuts the run into tenths of its errors and times each from the progress samples.</summary>
internal static class Tenths
{
    public static IReadOnlyList<Tenth> From(IReadOnlyList<SoakSample> samples, long errors)
    {
        var tenths = new List<Tenth>(10);
        var previousTime = TimeSpan.Zero;
        long previousBoundary = 0;
        for (var k = 1; k <= 10; k++)
        {
            var boundary = errors * k / 10;
            var time = TimeAt(samples, boundary);
            var after = samples.FirstOrDefault(s => s.Errors >= boundary, samples[^1]);
            var before = samples.LastOrDefault(s => s.Errors <= previousBoundary, samples[0]);
            var duration = time - previousTime;
            tenths.Add(new Tenth(
                k,
                previousBoundary,
                boundary,
                duration,
                duration > TimeSpan.Zero ? (boundary - previousBoundary) / duration.TotalSeconds : double.NaN,
                after.WorkingSet,
                after.Gen0 - before.Gen0,
                after.Gen1 - before.Gen1,
                after.Gen2 - before.Gen2));
            previousTime = time;
            previousBoundary = boundary;
        }

        return tenths;
    }

    /// <summary>When the run committed its <paramref name="errors"/>-th error, interpolated between the samples around it.</summary>
    private static TimeSpan TimeAt(IReadOnlyList<SoakSample> samples, long errors)
    {
        for (var i = 1; i < samples.Count; i++)
        {
            var (a, b) = (samples[i - 1], samples[i]);
            if (b.Errors >= errors && b.Errors > a.Errors)
            {
                var share = (double)(errors - a.Errors) / (b.Errors - a.Errors);
                return a.Elapsed + ((b.Elapsed - a.Elapsed) * Math.Clamp(share, 0, 1));
            }
        }

        return samples[^1].Elapsed;
    }
}
