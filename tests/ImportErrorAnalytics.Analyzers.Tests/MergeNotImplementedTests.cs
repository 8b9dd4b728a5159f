using ImportErrorAnalytics.Analyzers.Tests.Support;
using Verifier = ImportErrorAnalytics.Analyzers.Tests.Support.Verify<ImportErrorAnalytics.Analyzers.MergeNotImplementedAnalyzer>;

namespace ImportErrorAnalytics.Analyzers.Tests;

public sealed class MergeNotImplementedTests
{
    private const string Header = """
        using System;
        using System.Text.Json.Serialization.Metadata;
        using ImportErrorAnalytics.Aggregation;
        using ImportErrorAnalytics.Model;

        public sealed class State { public long Count; }

        """;

    [Theory]
    [InlineData("public void {|#0:Merge|}(State into, State other) { }")]
    [InlineData("public void {|#0:Merge|}(State into, State other) => throw new NotImplementedException();")]
    [InlineData("public void {|#0:Merge|}(State into, State other) { throw new NotImplementedException(); }")]
    [InlineData("""public void {|#0:Merge|}(State into, State other) { throw new NotSupportedException("no"); }""")]
    [InlineData("public void {|#0:Merge|}(State into, State other) { return; }")]
    public async Task MergeNotImplemented_Triggers(string merge)
    {
        await Verifier.AnalyzerAsync(Aggregator(merge.Replace("{|#0:Merge|}", "[|Merge|]", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task MergeNotImplemented_Triggers_OnAnExplicitImplementation()
    {
        await Verifier.AnalyzerAsync(Aggregator("void IErrorAggregator<State, long>.[|Merge|](State into, State other) => throw new NotImplementedException();"));
    }

    [Theory]
    [InlineData("public void Merge(State into, State other) => into.Count += other.Count;")]
    [InlineData("public void Merge(State into, State other) { into.Count += other.Count; }")]
    [InlineData("public void Merge(State into, State other) { ArgumentNullException.ThrowIfNull(other); into.Count += other.Count; }")]
    [InlineData("public void Merge(State into, State other) { if (other.Count < 0) { throw new NotSupportedException(); } into.Count += other.Count; }")]
    [InlineData("public void Merge(State into, State other) => throw new InvalidOperationException(\"documented: single worker only\");")]
    public async Task MergeNotImplemented_DoesNotTrigger(string merge)
    {
        await Verifier.AnalyzerAsync(Aggregator(merge));
    }

    [Fact]
    public async Task MergeNotImplemented_DoesNotTrigger_OnAnEmptyMergeOfANonAggregator()
    {
        await Verifier.AnalyzerAsync(Header + """
            public sealed class Bag
            {
                public void Merge(State into, State other) { }
                public void Other() => throw new NotImplementedException();
            }

            public abstract class Base : IErrorAggregator<State, long>
            {
                public abstract string Name { get; }
                public JsonTypeInfo<long> ResultTypeInfo => null!;
                public State CreateState() => new State();
                public void Add(State state, in ImportErrorRecord record) => state.Count++;
                public abstract void Merge(State into, State other);
                public long GetResult(State state) => state.Count;
            }
            """);
    }

    private static string Aggregator(string merge) => Header + $$"""
        public sealed class MyAggregator : IErrorAggregator<State, long>
        {
            public string Name => "mine";
            public JsonTypeInfo<long> ResultTypeInfo => null!;
            public State CreateState() => new State();
            public void Add(State state, in ImportErrorRecord record) => state.Count++;
            {{merge}}
            public long GetResult(State state) => state.Count;
        }
        """;
}
