using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ImportErrorAnalytics.Aggregation;
using ImportErrorAnalytics.Aggregation.BuiltIn;
using ImportErrorAnalytics.Testing;
using ImportErrorAnalytics.Tests.Support;

namespace ImportErrorAnalytics.Tests.Aggregation;

/// <summary>Every built-in's merge is associative and commutative, with <c>CreateState</c> as its identity.</summary>
public class MergeLawProperties
{
    private const int Keys = ImportErrorAnalytics.Pipeline.AnalyzerOptions.DefaultMaxDistinctKeys;

    private static readonly Arbitrary<(SyntheticError[] A, SyntheticError[] B, SyntheticError[] C)> Three =
        Arb.From(from a in ErrorGenerators.Errors from b in ErrorGenerators.Errors from c in ErrorGenerators.Errors select (a, b, c));

    [Property(MaxTest = 60)]
    public Property Totals() => Laws(new TotalsAggregator());

    [Property(MaxTest = 60)]
    public Property ErrorTypes() => Laws(new ErrorTypeCountsAggregator(Keys));

    [Property(MaxTest = 60)]
    public Property ObjectTypes() => Laws(new ObjectTypeCountsAggregator(Keys));

    [Property(MaxTest = 60)]
    public Property Columns() => Laws(new ColumnCountsAggregator(Keys));

    [Property(MaxTest = 60)]
    public Property TopInvalidValues_WhileExact() => Laws(new TopInvalidValuesAggregator(distinctCapacity: 10_000, top: 1000, displayLength: 200));

    [Property(MaxTest = 60)]
    public Property LineClusters_GapZero() => Laws(new LineClustersAggregator(gap: 0, maxClusters: null));

    [Property(MaxTest = 60)]
    public Property LineClusters_GapThree() => Laws(new LineClustersAggregator(gap: 3, maxClusters: 2));

    private static Property Laws<TState, TResult>(IErrorAggregator<TState, TResult> aggregator)
        where TState : class =>
        Prop.ForAll(Three, input =>
        {
            string Result(TState state) => JsonSerializer.Serialize(aggregator.GetResult(state), aggregator.ResultTypeInfo);
            TState State(SyntheticError[] errors, int source) => StateOf(aggregator, errors, source);
            TState Merged(TState into, TState other)
            {
                aggregator.Merge(into, other);
                return into;
            }

            var (a, b, c) = input;
            var leftFirst = Merged(Merged(State(a, 0), State(b, 1)), State(c, 2));
            var rightFirst = Merged(State(a, 0), Merged(State(b, 1), State(c, 2)));
            Assert.Equal(Result(leftFirst), Result(rightFirst));

            Assert.Equal(Result(Merged(State(a, 0), State(b, 1))), Result(Merged(State(b, 1), State(a, 0))));

            var alone = Result(State(a, 0));
            Assert.Equal(alone, Result(Merged(State(a, 0), aggregator.CreateState())));
            Assert.Equal(alone, Result(Merged(aggregator.CreateState(), State(a, 0))));

            Assert.Equal(Result(State([.. a, .. b, .. c], 0)), Result(leftFirst));
        });

    internal static TState StateOf<TState, TResult>(IErrorAggregator<TState, TResult> aggregator, SyntheticError[] errors, int source)
        where TState : class
    {
        var state = aggregator.CreateState();
        var page = PageParsing.ToPage(errors, source);
        for (var i = 0; i < page.Count; i++)
        {
            aggregator.Add(state, page[i]);
        }

        return state;
    }
}
