using ImportErrorAnalytics.Analyzers.Tests.Support;
using Verifier = ImportErrorAnalytics.Analyzers.Tests.Support.Verify<ImportErrorAnalytics.Analyzers.HotPathAllocationAnalyzer>;

namespace ImportErrorAnalytics.Analyzers.Tests;

public sealed class HotPathAllocationTests
{
    [Theory]
    [InlineData("state.Items.Add([|new object()|]);")]
    [InlineData("var list = [|new List<int>()|];")]
    [InlineData("var bytes = [|new byte[16]|];")]
    [InlineData("int[] numbers = [|[1, 2, 3]|];")]
    [InlineData("var anon = [|new { A = 1 }|];")]
    [InlineData("""var key = [|"type:" + record.ErrorType|];""")]
    [InlineData("""var key = [|$"type:{record.ErrorType}"|];""")]
    [InlineData("""var key = ""; [|key += record.ErrorType|];""")]
    [InlineData("state.Count += [|state.ByName.Keys.Count()|];")]
    [InlineData("""var any = [|state.Items.Any()|];""")]
    [InlineData("var n = state.Count; state.Use([|() => (int)n|]);")]
    [InlineData("state.Use([|() => (int)state.Count|]);")]
    [InlineData("state.Use([|delegate { return (int)state.Count; }|]);")]
    [InlineData("state.Note([|record.LineNumber ?? 0|]);")]
    [InlineData("object boxed = [|state.Count|];")]
    [InlineData("""state.NoteAll([|"a", "b"|]);""")]
    [InlineData("""var text = [|state.Count.ToString()|];""")]
    [InlineData("""var text = [|Encoding.UTF8.GetString(record.InvalidValue)|];""")]
    [InlineData("""var text = [|record.PropertyName.ToString()|];""")]
    [InlineData("state.Use([|Zero|]);")]
    [InlineData("""var upper = [|record.ErrorType!.ToLowerInvariant()|];""")]
    [InlineData("""var text = [|string.Format("{0}", record.ErrorType)|];""")]
    [InlineData("""var text = [|string.Concat(record.ErrorType, record.ObjectType)|];""")]
    public async Task HotPathAllocation_Triggers(string addBody)
    {
        await Verifier.AnalyzerAsync(TestSources.Aggregator(addBody, extraMembers: "private int Zero() => (int)Name.Length;"));
    }

    [Fact]
    public async Task HotPathAllocation_Triggers_OnACapturingLocalFunction()
    {
        await Verifier.AnalyzerAsync(TestSources.Aggregator("""
            state.Count += Next();
            [|long Next() { return state.Count + 1; }|]
            """));
    }

    [Fact]
    public async Task HotPathAllocation_Triggers_InAnExplicitImplementation()
    {
        const string Source = """
            using System.Text.Json.Serialization.Metadata;
            using ImportErrorAnalytics.Aggregation;
            using ImportErrorAnalytics.Model;

            public sealed class State { public object Last; }

            internal sealed class Explicit : IErrorAggregator<State, int>
            {
                string IErrorAggregator.Name => "explicit";
                JsonTypeInfo<int> IErrorAggregator<State, int>.ResultTypeInfo => null!;
                State IErrorAggregator<State, int>.CreateState() => new State();
                void IErrorAggregator<State, int>.Add(State state, in ImportErrorRecord record) => state.Last = [|new object()|];
                void IErrorAggregator<State, int>.Merge(State into, State other) => into.Last ??= other.Last;
                int IErrorAggregator<State, int>.GetResult(State state) => 0;
            }
            """;
        await Verifier.AnalyzerAsync(Source);
    }

    [Theory]
    [InlineData("state.Count++;")]
    [InlineData("state.Count += record.LineNumber ?? 0;")]
    [InlineData("if (record.HasInvalidValue && record.InvalidValue.Length > 3) { state.Count++; }")]
    [InlineData("""if (record.ErrorType == "INVALID_EMAIL") { state.Count++; }""")]
    [InlineData("""const string Key = "a" + "b"; state.Count += Key.Length;""")]
    [InlineData("ReadOnlySpan<byte> prefix = [1, 2]; state.Count += prefix.Length;")]
    [InlineData("Span<int> buffer = stackalloc int[4]; state.Count += buffer.Length;")]
    [InlineData("var pair = new KeyValuePair<int, int>(1, 2); state.Count += pair.Key;")]
    [InlineData("state.Use(static () => 1);")]
    [InlineData("state.Use(() => 1);")]
    [InlineData("state.Use(StaticZero);")]
    [InlineData("state.Count += Twice(3); static int Twice(int x) => x * 2;")]
    [InlineData("state.Count += Twice(3); int Twice(int x) => x * 2;")]
    [InlineData("var name = record.ErrorType; if (name is not null && state.ByName.TryGetValue(name, out var n)) { state.ByName[name] = n + 1; }")]
    [InlineData("state.Count += Encoding.UTF8.GetByteCount(record.ErrorType ?? string.Empty);")]
    [InlineData("var type = record.ErrorType?.ToString();")]
    [InlineData("""state.Count += string.IsNullOrEmpty(record.ErrorType) ? 0 : record.ErrorType.Length;""")]
    [InlineData("""if (record.ErrorType?.StartsWith("INVALID_", StringComparison.Ordinal) == true) { state.Count++; }""")]
    public async Task HotPathAllocation_DoesNotTrigger(string addBody)
    {
        await Verifier.AnalyzerAsync(TestSources.Aggregator(addBody, extraMembers: "private static int StaticZero() => 0;"));
    }

    [Fact]
    public async Task HotPathAllocation_DoesNotTrigger_OutsideAdd()
    {
        await Verifier.AnalyzerAsync(TestSources.Aggregator(
            "state.Count++;",
            mergeBody: "into.Items.AddRange(other.Items.Select(x => x.ToString()!)); into.Count += other.Count;",
            extraMembers: """
                public string Describe(State state) => $"{state.Count} errors: " + string.Join(",", state.ByName.Keys.ToArray());
                public void Add(State state, string name) => state.Items.Add(new object());
            """));
    }

    [Fact]
    public async Task HotPathAllocation_DoesNotTrigger_OnAnAddOfANonAggregator()
    {
        const string Source = """
            using System.Collections.Generic;
            using ImportErrorAnalytics.Model;

            public sealed class NotAnAggregator
            {
                private readonly List<string> _seen = new();
                public void Add(List<string> state, in ImportErrorRecord record) => _seen.Add("type:" + record.ErrorType);
            }
            """;
        await Verifier.AnalyzerAsync(Source);
    }
}
