using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using ImportErrorAnalytics.HubSpot;
using ImportErrorAnalytics.Telemetry;

namespace ImportErrorAnalytics.Tests.Telemetry;

/// <summary>One measurement of an instrument, with its tags as text.</summary>
internal sealed record Measured(string Instrument, double Value, IReadOnlyDictionary<string, string?> Tags)
{
    public string? Tag(string name) => Tags.GetValueOrDefault(name);
}

/// <summary>
/// What the library measures and traces while one test runs. Listeners are process-wide and tests run in parallel, so
/// the capture starts an activity of its own carrying a baggage item unique to it, and keeps only the measurements
/// recorded, and the activities stopped, under it (the runs started inside the test inherit it through
/// <see cref="Activity.Current"/>). Create it in the test method itself, before the run.
/// </summary>
internal sealed class TelemetryCapture : IDisposable
{
    private const string BaggageKey = "iea.test.capture";

    private readonly string _id = Guid.NewGuid().ToString("N");
    private readonly Activity _scope;
    private readonly MeterListener _meters = new();
    private readonly ActivityListener _activities;
    private readonly ConcurrentQueue<Measured> _measured = new();
    private readonly ConcurrentQueue<Activity> _stopped = new();

    public TelemetryCapture()
    {
        _meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name is ImportErrorAnalyticsTelemetry.MeterName or HubSpotTelemetry.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _meters.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _meters.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _meters.Start();

        // Every source, HttpClient's included, so the test sees every activity its run makes.
        _activities = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.GetBaggageItem(BaggageKey) == _id)
                {
                    _stopped.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(_activities);

        // Made by hand, not by a source: it is started whoever listens, and it is what Activity.Current is in the test.
        _scope = new Activity("iea.test").AddBaggage(BaggageKey, _id).Start();
    }

    public IReadOnlyList<Measured> Measurements => [.. _measured];

    /// <summary>The activities stopped under this capture, the test's own scope excluded.</summary>
    public IReadOnlyList<Activity> Activities => [.. _stopped];

    public Activity Scope => _scope;

    public IReadOnlyList<Measured> Of(string instrument) => Measurements.Where(m => m.Instrument == instrument).ToList();

    public double Sum(string instrument) => Of(instrument).Sum(m => m.Value);

    public IReadOnlyList<Activity> Named(string operationName) => Activities.Where(a => a.OperationName == operationName).ToList();

    public IReadOnlyList<Activity> From(string source) => Activities.Where(a => a.Source.Name == source).ToList();

    /// <summary>Every text an exporter could send: each measurement's tags, each activity's names, tags, status, events and baggage.</summary>
    public IEnumerable<string> AllText()
    {
        foreach (var measured in Measurements)
        {
            yield return measured.Instrument;
            foreach (var (key, value) in measured.Tags)
            {
                yield return key;
                yield return value ?? "";
            }
        }

        foreach (var activity in Activities)
        {
            yield return activity.OperationName;
            yield return activity.DisplayName;
            yield return activity.StatusDescription ?? "";
            foreach (var (key, value) in activity.TagObjects)
            {
                yield return key;
                yield return value?.ToString() ?? "";
            }

            foreach (var e in activity.Events)
            {
                yield return e.Name;
                foreach (var (key, value) in e.Tags)
                {
                    yield return key;
                    yield return value?.ToString() ?? "";
                }
            }

            foreach (var (key, value) in activity.Baggage)
            {
                yield return key;
                yield return value ?? "";
            }
        }
    }

    public void Dispose()
    {
        _scope.Stop();
        _activities.Dispose();
        _meters.Dispose();
    }

    private void Record<T>(Instrument instrument, T value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        where T : struct
    {
        if (Activity.Current?.GetBaggageItem(BaggageKey) != _id)
        {
            return;
        }

        var copied = new Dictionary<string, string?>();
        foreach (var (key, tag) in tags)
        {
            copied[key] = Convert.ToString(tag, System.Globalization.CultureInfo.InvariantCulture);
        }

        _measured.Enqueue(new Measured(instrument.Name, Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture), copied));
    }
}
