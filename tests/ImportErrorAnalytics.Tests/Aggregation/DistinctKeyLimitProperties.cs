using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ImportErrorAnalytics.Aggregation;
using ImportErrorAnalytics.Aggregation.BuiltIn;
using ImportErrorAnalytics.Model;
using ImportErrorAnalytics.Testing;
using ImportErrorAnalytics.Tests.Support;

namespace ImportErrorAnalytics.Tests.Aggregation;

/// <summary>
/// With a small limit on distinct keys, so that the other rows fill: every built-in's merge stays associative and
/// commutative with <c>CreateState</c> as its identity, keeps every error counted, and equals the plain reference of the
/// rule (<see cref="BucketOracle"/>), whatever the parts and however they are grouped.
/// </summary>
public class DistinctKeyLimitProperties
{
    private static readonly Gen<SyntheticError[]> Part =
        from errors in ErrorGenerators.Errors
        from types in Gen.Choose(0, 5).ArrayOf(errors.Length)
        select errors.Select((e, i) => e.ObjectType == "NEW_OBJECT" ? e with { ObjectType = $"NEW_OBJECT_{types[i]}" } : e).ToArray();

    private static readonly Arbitrary<(SyntheticError[] A, SyntheticError[] B, SyntheticError[] C, int Max)> Three =
        Arb.From(from a in Part from b in Part from c in Part from max in Gen.Choose(1, 3) select (a, b, c, max));

    [Property(MaxTest = 60)]
    public Property ErrorTypes() => Check(max => new ErrorTypeCountsAggregator(max), (parts, max) => BucketOracle.ErrorTypes(parts, max));

    [Property(MaxTest = 60)]
    public Property ObjectTypes() => Check(max => new ObjectTypeCountsAggregator(max), (parts, max) => BucketOracle.ObjectTypes(parts, max));

    [Property(MaxTest = 60)]
    public Property Columns() => Check(max => new ColumnCountsAggregator(max), (parts, max) => BucketOracle.Columns(parts, max));

    [Property(MaxTest = 60)]
    public Property TopInvalidValues() =>
        Check(max => new TopInvalidValuesAggregator(distinctCapacity: 10_000, top: 1000, displayLength: 200, maxKeys: max), (parts, max) => BucketOracle.TopValues(parts, max, 200));

    [Property(MaxTest = 60)]
    public Property LineClusters() =>
        Check(max => new LineClustersAggregator(gap: 3, maxClusters: null, maxKeys: max), (parts, max) => BucketOracle.LineClusters(parts, 3, max));

    private static Property Check<TState, TResult>(Func<int, IErrorAggregator<TState, TResult>> create, Func<SyntheticError[][], int, TResult> oracle)
        where TState : class =>
        Prop.ForAll(Three, input =>
        {
            var (a, b, c, max) = input;
            var aggregator = create(max);
            string Result(TState state) => JsonSerializer.Serialize(aggregator.GetResult(state), aggregator.ResultTypeInfo);
            TState State(SyntheticError[] errors, int source) => StateOf(aggregator, errors, source, max);
            TState Merged(TState into, TState other)
            {
                aggregator.Merge(into, other);
                return into;
            }

            var leftFirst = Merged(Merged(State(a, 0), State(b, 1)), State(c, 2));
            var rightFirst = Merged(State(a, 0), Merged(State(b, 1), State(c, 2)));
            Assert.Equal(Result(leftFirst), Result(rightFirst));
            Assert.Equal(Result(Merged(State(c, 2), Merged(State(b, 1), State(a, 0)))), Result(leftFirst));

            var alone = Result(State(a, 0));
            Assert.Equal(alone, Result(Merged(State(a, 0), aggregator.CreateState())));
            Assert.Equal(alone, Result(Merged(aggregator.CreateState(), State(a, 0))));

            Assert.Equal(JsonSerializer.Serialize(oracle([a, b, c], max), aggregator.ResultTypeInfo), Result(leftFirst));

            var persistent = (IPersistentErrorAggregator<TState>)aggregator;
            Assert.Equal(Result(leftFirst), Result(persistent.ReadState(Saved(persistent, leftFirst))));
        });

    private static JsonElement Saved<TState>(IPersistentErrorAggregator<TState> aggregator, TState state)
        where TState : class
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            aggregator.WriteState(state, writer);
        }

        return JsonDocument.Parse(stream.ToArray()).RootElement.Clone();
    }

    /// <summary>A state over one part, parsed with name tables of the same limit (as its run would have).</summary>
    private static TState StateOf<TState, TResult>(IErrorAggregator<TState, TResult> aggregator, SyntheticError[] errors, int source, int max)
        where TState : class
    {
        var state = aggregator.CreateState();
        var page = PageParsing.ToPage(errors, source, names: new RunNames(max));
        for (var i = 0; i < page.Count; i++)
        {
            aggregator.Add(state, page[i]);
        }

        return state;
    }
}
