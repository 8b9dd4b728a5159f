using System.Diagnostics;
using System.Diagnostics.Metrics;
using BenchmarkDotNet.Attributes;
using ImportErrorAnalytics.HubSpot;
using ImportErrorAnalytics.Pipeline;
using ImportErrorAnalytics.Reporting;
using ImportErrorAnalytics.Telemetry;

namespace ImportErrorAnalytics.Benchmarks;

/// <summary>
/// What the library's metrics and traces cost a run: the same run of 100,000 realistic errors (pages of 100, with one
/// worker per stage, whose allocations do not depend on timing, and with two) with nothing listening (the baseline), with a <see cref="MeterListener"/> summing every measurement of
/// the library's meters, and with that listener plus an <see cref="ActivityListener"/> recording every activity of its
/// sources. The library measures per page, not per record, and checks <see cref="Instrument.Enabled"/> and
/// <see cref="ActivitySource.HasListeners"/> first, so the ratios should stay at 1 and the allocations flat.
/// Each benchmark runs in its own process, so a listener of one never reaches another. (Not sealed: BenchmarkDotNet
/// derives from it.)
/// </summary>
public class TelemetryBenchmarks : IDisposable
{
    private ImportErrorAnalyzer _analyzer = null!;
    private MeterListener? _meters;
    private ActivityListener? _activities;
    private long _measured;

    /// <summary>Workers per stage: 1 (allocations exact run to run), 2 (this machine's cores; allocations vary with timing).</summary>
    [Params(1, 2)]
    public int Workers { get; set; }

    [GlobalSetup(Target = nameof(NoListener))]
    public void Setup() => _analyzer = ImportErrorAnalyzer.CreateBuilder()
        .AddStream("pages", _ => ValueTask.FromResult<Stream>(new MemoryStream(BenchmarkData.RealisticPages())), Parsing.InputFormat.Pages)
        .Configure(o => o.MaxDegreeOfParallelism = Workers)
        .Build();

    [GlobalSetup(Target = nameof(MeterListenerAttached))]
    public void SetupWithMeters()
    {
        Setup();
        _meters = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name is ImportErrorAnalyticsTelemetry.MeterName or HubSpotTelemetry.MeterName)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _meters.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _measured, value));
        _meters.SetMeasurementEventCallback<double>((_, value, _, _) => Interlocked.Increment(ref _measured));
        _meters.Start();
    }

    [GlobalSetup(Target = nameof(MeterAndActivityListenersAttached))]
    public void SetupWithMetersAndActivities()
    {
        SetupWithMeters();
        _activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name is ImportErrorAnalyticsTelemetry.ActivitySourceName or HubSpotTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _ => Interlocked.Increment(ref _measured),
        };
        ActivitySource.AddActivityListener(_activities);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        var listened = _meters is not null;
        Dispose();
        if (listened && Volatile.Read(ref _measured) == 0)
        {
            throw new InvalidOperationException("The listener saw no measurement: the comparison would measure nothing.");
        }
    }

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (!disposing)
        {
            return;
        }

        _activities?.Dispose();
        _activities = null;
        _meters?.Dispose();
        _meters = null;
        _analyzer?.Dispose();
    }

    [Benchmark(Baseline = true)]
    public Task<ImportErrorReport> NoListener() => _analyzer.RunAsync();

    [Benchmark]
    public Task<ImportErrorReport> MeterListenerAttached() => _analyzer.RunAsync();

    [Benchmark]
    public Task<ImportErrorReport> MeterAndActivityListenersAttached() => _analyzer.RunAsync();
}
