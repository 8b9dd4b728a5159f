namespace ImportErrorAnalytics.Analyzers.Tests.Support;

/// <summary>Source fragments the rule tests share.</summary>
internal static class TestSources
{
    /// <summary>An aggregator skeleton; <c>{0}</c> is the Add body, <c>{1}</c> the Merge body (both block bodies).</summary>
    public static string Aggregator(string addBody, string mergeBody = "into.Count += other.Count;", string extraMembers = "") => $$"""
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Text;
        using System.Text.Json.Serialization.Metadata;
        using ImportErrorAnalytics.Aggregation;
        using ImportErrorAnalytics.Model;

        public sealed class State
        {
            public long Count;
            public Dictionary<string, long> ByName = new();
            public List<object> Items = new();
            public void Note(object value) { }
            public void NoteAll(params object[] values) { }
            public void Use(Func<int> f) { }
        }

        public sealed class MyAggregator : IErrorAggregator<State, long>
        {
            public string Name => "mine";
            public JsonTypeInfo<long> ResultTypeInfo => null!;
            public State CreateState() => new State();
            public void Add(State state, in ImportErrorRecord record)
            {
                {{addBody}}
            }
            public void Merge(State into, State other)
            {
                {{mergeBody}}
            }
            public long GetResult(State state) => state.Count;
        {{extraMembers}}
        }
        """;
}
