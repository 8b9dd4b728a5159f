using ImportErrorAnalytics.Pipeline;
using ImportErrorAnalytics.Snapshots;
using Microsoft.Extensions.Options;

namespace ImportErrorAnalytics.Orleans.Aggregation;

/// <summary>
/// The custom aggregators registered on this silo (<see cref="ImportErrorAnalyticsGrainOptions.Aggregators"/>): added to
/// every import's analysis, and known to every snapshot the silo's roll-ups read.
/// </summary>
internal sealed class SiloAggregators(IOptions<ImportErrorAnalyticsGrainOptions> options)
{
    private readonly IReadOnlyList<Action<ImportErrorAnalyzerBuilder>> _registrations = [.. options.Value.Aggregators];

    /// <summary>The registered aggregators' names, in registration order (empty when there are none).</summary>
    public IReadOnlyList<string> Names { get; } = Probe(options.Value.Aggregators).CustomAggregatorNames();

    /// <summary>Adds the registered aggregators (new instances, as the registrations make them) to an analysis.</summary>
    public ImportErrorAnalyzerBuilder AddTo(ImportErrorAnalyzerBuilder builder)
    {
        foreach (var register in _registrations)
        {
            register(builder);
        }

        return builder;
    }

    /// <summary>A reader of snapshots made with the registered aggregators.</summary>
    public SnapshotReader CreateReader() => Probe(_registrations).CreateSnapshotReader();

    /// <summary>
    /// Why the registrations cannot work on a silo (an aggregator that cannot save its state, two of one name), or
    /// <see langword="null"/>: checked when the silo starts.
    /// </summary>
    public static string? Problem(IEnumerable<Action<ImportErrorAnalyzerBuilder>> registrations)
    {
        try
        {
            Probe(registrations).CreateSnapshotReader();
            return null;
        }
        catch (ArgumentException ex)
        {
            return $"The custom aggregators registered on the silo cannot be used by the grains: {ex.Message}";
        }
    }

    private static ImportErrorAnalyzerBuilder Probe(IEnumerable<Action<ImportErrorAnalyzerBuilder>> registrations)
    {
        var builder = ImportErrorAnalyzer.CreateBuilder();
        foreach (var register in registrations)
        {
            register(builder);
        }

        return builder;
    }
}
