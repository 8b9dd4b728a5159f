using ImportErrorAnalytics.Pipeline;

namespace ImportErrorAnalytics.Soak;

/// <summary>One moment of the run: committed errors, the process's CPU time, the working set and the collections so far.</summary>
internal readonly record struct SoakSample(TimeSpan Elapsed, long Errors, TimeSpan Cpu, long WorkingSet, int Gen0, int Gen1, int Gen2);

/// <summary>
/// Receives the pipeline's progress synchronously (at most four times a second, on a worker) and records a sample
/// with the working set and GC counts; <see cref="Sample"/> also records one on demand.
/// </summary>
internal sealed class ProgressRecorder : IProgress<AnalysisProgress>
{
    private readonly Lock _lock = new();
    private readonly List<SoakSample> _samples = [Take(TimeSpan.Zero, 0)];

    public IReadOnlyList<SoakSample> Samples
    {
        get
        {
            lock (_lock)
            {
                return _samples.ToArray();
            }
        }
    }

    public long PeakSampledWorkingSet
    {
        get
        {
            lock (_lock)
            {
                return _samples.Max(s => s.WorkingSet);
            }
        }
    }

    public void Report(AnalysisProgress value) => Sample(value.Elapsed, value.Errors);

    public void Sample(TimeSpan elapsed, long errors)
    {
        var sample = Take(elapsed, errors);
        lock (_lock)
        {
            _samples.Add(sample);
        }
    }

    private static SoakSample Take(TimeSpan elapsed, long errors) =>
        new(elapsed, errors, Environment.CpuUsage.TotalTime, Environment.WorkingSet, GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
}
