using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace ImportErrorAnalytics.Orleans.Tests.Support;

/// <summary>
/// Every measurement of the silos' meter <see cref="OrleansTelemetry.MeterName"/> made by the given meter factories
/// (one test's silos): other tests' clusters, running at the same time, have factories of their own.
/// </summary>
internal sealed class SiloMeasurements : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<Measured> _measured = new();

    public SiloMeasurements(IReadOnlyList<object> scopes)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == OrleansTelemetry.MeterName && scopes.Contains(instrument.Meter.Scope))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.Start();
    }

    /// <summary>The measurements of one instrument.</summary>
    public IReadOnlyList<Measured> Of(string instrument) => _measured.Where(m => m.Instrument == instrument).ToList();

    /// <summary>Asks the observable instruments for their values now.</summary>
    public void Observe() => _listener.RecordObservableInstruments();

    public void Dispose() => _listener.Dispose();

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
        _measured.Enqueue(new Measured(instrument.Name, instrument.Unit, value, tags.ToArray().ToDictionary(tag => tag.Key, tag => tag.Value?.ToString())));

    /// <summary>One measurement: its instrument, unit, value and tags.</summary>
    internal sealed record Measured(string Instrument, string? Unit, double Value, Dictionary<string, string?> Tags)
    {
        public string? Tag(string name) => Tags.GetValueOrDefault(name);
    }
}
