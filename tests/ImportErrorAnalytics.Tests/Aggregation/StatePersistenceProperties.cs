using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ImportErrorAnalytics.Aggregation;
using ImportErrorAnalytics.Aggregation.BuiltIn;
using ImportErrorAnalytics.Testing;
using ImportErrorAnalytics.Tests.Support;

namespace ImportErrorAnalytics.Tests.Aggregation;

/// <summary>A saved and restored state behaves as the original: same result, same merges.</summary>
public class StatePersistenceProperties
{
    private const int Keys = ImportErrorAnalytics.Pipeline.AnalyzerOptions.DefaultMaxDistinctKeys;

    private static readonly Arbitrary<(SyntheticError[] A, SyntheticError[] B)> Two =
        Arb.From(from a in ErrorGenerators.Errors from b in ErrorGenerators.Errors select (a, b));

    [Property(MaxTest = 40)]
    public Property Totals() => RoundTrips(new TotalsAggregator());

    [Property(MaxTest = 40)]
    public Property ErrorTypes() => RoundTrips(new ErrorTypeCountsAggregator(Keys));

    [Property(MaxTest = 40)]
    public Property ObjectTypes() => RoundTrips(new ObjectTypeCountsAggregator(Keys));

    [Property(MaxTest = 40)]
    public Property Columns() => RoundTrips(new ColumnCountsAggregator(Keys));

    [Property(MaxTest = 40)]
    public Property TopInvalidValues_Exact() => RoundTrips(new TopInvalidValuesAggregator(10_000, 1000, 200));

    [Property(MaxTest = 40)]
    public Property TopInvalidValues_Approximate() => RoundTrips(new TopInvalidValuesAggregator(2, 1000, 200));

    [Property(MaxTest = 40)]
    public Property LineClusters() => RoundTrips(new LineClustersAggregator(2, null));

    [Fact]
    public void MismatchedSettings_AreRefused()
    {
        var saved = Save(new LineClustersAggregator(2, null), new LineClustersState(2, Keys));
        Assert.Throws<FormatException>(() => new LineClustersAggregator(3, null).ReadState(saved));
    }

    private static Property RoundTrips<TState, TResult>(IErrorAggregator<TState, TResult> aggregator)
        where TState : class =>
        Prop.ForAll(Two, input =>
        {
            var persistent = (IPersistentErrorAggregator<TState>)aggregator;
            string Result(TState state) => JsonSerializer.Serialize(aggregator.GetResult(state), aggregator.ResultTypeInfo);

            var original = MergeLawProperties.StateOf(aggregator, input.A, 0);
            var restored = persistent.ReadState(Save(persistent, original));
            Assert.Equal(Result(original), Result(restored));

            aggregator.Merge(original, MergeLawProperties.StateOf(aggregator, input.B, 1));
            aggregator.Merge(restored, MergeLawProperties.StateOf(aggregator, input.B, 1));
            Assert.Equal(Result(original), Result(restored));
        });

    private static JsonElement Save<TState>(IPersistentErrorAggregator<TState> aggregator, TState state)
        where TState : class
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            aggregator.WriteState(state, writer);
        }

        return JsonDocument.Parse(stream.ToArray()).RootElement.Clone();
    }
}
