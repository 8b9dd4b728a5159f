namespace ImportErrorAnalytics.Analyzers.Tests.Support;

/// <summary>Source fragments of <c>[ErrorAggregator]</c> classes for the generator tests.</summary>
internal static class AggregatorSources
{
    public const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Text.Json.Serialization;
        using System.Text.Json.Serialization.Metadata;
        using ImportErrorAnalytics.Aggregation;
        using ImportErrorAnalytics.Model;
        using ImportErrorAnalytics.Pipeline;

        """;

    /// <summary>The members every aggregator writes itself (state <c>Tally</c>, result <typeparamref name="TResult"/>).</summary>
    public static string Body(string result = "Summary", string getResult = "new()") => $$"""
            public Tally CreateState() => new();
            public void Add(Tally state, in ImportErrorRecord record) => state.Count++;
            public void Merge(Tally into, Tally other) => into.Count += other.Count;
            public {{result}} GetResult(Tally state) => {{getResult}};
        """;

    /// <summary>A state and a small result type.</summary>
    public const string Types = """

        public sealed class Tally { public long Count; }

        public sealed class Summary
        {
            public long Count { get; set; }
            public string? Label { get; set; }
        }
        """;

    /// <summary>An aggregator with <paramref name="header"/> (attribute and declaration) and the usual body.</summary>
    public static string Aggregator(string header, string result = "Summary", string extraMembers = "") =>
        Usings + header + "\n{\n" + Body(result) + "\n" + extraMembers + "\n}\n" + Types;
}
