namespace ImportErrorAnalytics.Tests.Hostile;

/// <summary>
/// What a piece of work costs in managed memory: the bytes it allocated (all threads) and how far the heap grew above
/// where it started (sampled every millisecond on a thread of its own). Only meaningful in a collection that runs
/// alone (<see cref="HostileMeasurements"/>): other tests' allocations would count too.
/// </summary>
internal static class MemoryProbe
{
    public static async Task<(T Result, long Allocated, long PeakGrowth)> MeasureAsync<T>(Func<Task<T>> work)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var baseline = GC.GetTotalMemory(forceFullCollection: false);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var peak = baseline;
        using var stop = new CancellationTokenSource();
        var sampler = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: false));
                Thread.Sleep(1);
            }
        }) { IsBackground = true };
        sampler.Start();
        try
        {
            var result = await Task.Run(work);
            peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: false));
            return (result, GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore, peak - baseline);
        }
        finally
        {
            await stop.CancelAsync();
            sampler.Join();
        }
    }
}

/// <summary>The hostile-input tests that measure memory run alone, so that no other test's allocations count.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HostileMeasurements
{
    public const string Name = "Hostile measurements";
}
