using ImportErrorAnalytics.Orleans.Tests.Support;
using ImportErrorAnalytics.Pipeline;
using ImportErrorAnalytics.Snapshots;

namespace ImportErrorAnalytics.Orleans.Tests.Aggregation;

/// <summary>A cluster whose silos register two custom aggregators: one by its type, the others by the generated registration.</summary>
public sealed class AggregatorCluster : AnalyticsCluster
{
    /// <summary>What the silos register, as a builder takes it: the single runs the tests compare with are built the same way.</summary>
    public static ImportErrorAnalyzerBuilder Register(ImportErrorAnalyzerBuilder builder) =>
        builder.AddAggregator(new LineSpan()).AddGeneratedAggregators();

    /// <summary>A reader of what the silos write.</summary>
    public static SnapshotReader Reader() => Register(ImportErrorAnalyzer.CreateBuilder()).CreateSnapshotReader();

    protected override void ConfigureAnalytics(ISiloBuilder silo) =>
        silo.AddErrorAggregator<LineSpan>().AddErrorAggregators(builder => builder.AddGeneratedAggregators());
}
