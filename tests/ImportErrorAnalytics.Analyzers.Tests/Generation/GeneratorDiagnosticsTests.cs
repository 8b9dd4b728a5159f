using ImportErrorAnalytics.Analyzers.Tests.Support;
using static ImportErrorAnalytics.Analyzers.Tests.Support.AggregatorSources;

namespace ImportErrorAnalytics.Analyzers.Tests.Generation;

/// <summary>
/// IEA0005-IEA0010, reported by the <c>[ErrorAggregator]</c> generator: each triggers on what it describes and not on
/// correct aggregators. The compiler errors that follow when nothing can be generated (CS0535) are part of the markup.
/// </summary>
public sealed class GeneratorDiagnosticsTests
{
    private const string Interface = "IErrorAggregator<Tally, Summary>";

    /// <summary>The interface in the base list, marked with the two CS0535 a class without generated members gets.</summary>
    private const string Unimplemented = "{|CS0535:{|CS0535:IErrorAggregator<Tally, Summary>|}|}";

    [Theory]
    [InlineData("[ErrorAggregator(\"mine\")]\npublic sealed partial class Mine : " + Interface)]
    [InlineData("[ErrorAggregator]\ninternal sealed partial class Mine : " + Interface)]
    [InlineData("[ErrorAggregator]\npublic partial class Mine : " + Interface)]
    [InlineData("[ErrorAggregator]\npublic sealed partial record Mine : " + Interface)]
    [InlineData("[ErrorAggregator]\npublic sealed partial class Mine : " + Interface + "\n{\n    internal Mine(int limit = 10) { }\n}\npartial class Mine")]
    public async Task CorrectAggregator_DoesNotTrigger(string header)
    {
        await GeneratorVerify.DiagnosticsAsync(Aggregator(header) + Registration);
    }

    [Fact]
    public async Task AggregatorNotPartial_Triggers()
    {
        await GeneratorVerify.DiagnosticsAsync(
            Aggregator("[ErrorAggregator]\npublic sealed class {|#0:Mine|} : " + Unimplemented),
            GeneratorVerify.Diagnostic("IEA0005").WithArguments("'Mine' is not partial"));
    }

    [Fact]
    public async Task AggregatorNotPartial_Triggers_WhenAContainingTypeIsNotPartial()
    {
        var source = Usings + "public static class Rules\n{\n[ErrorAggregator]\npublic sealed partial class {|#0:Mine|} : " + Unimplemented
            + "\n{\n" + Body() + "\n}\n}\n" + Types;

        await GeneratorVerify.DiagnosticsAsync(source, GeneratorVerify.Diagnostic("IEA0005").WithArguments("'Rules', which contains 'Mine', is not partial"));
    }

    [Fact]
    public async Task AggregatorNotPartial_DoesNotTrigger_InPartialContainingTypes()
    {
        var source = Usings + "namespace Company.Rules;\npublic static partial class Outer\n{\ninternal partial struct Inner\n{\n[ErrorAggregator]\npublic sealed partial class Mine : " + Interface
            + "\n{\n" + Body() + "\n}\n}\n}\n" + Types + Registration;

        await GeneratorVerify.DiagnosticsAsync(source);
    }

    public static TheoryData<string, string, string> Unserializable() => new()
    {
        { "public object? Payload { get; set; }", "'Bad.Payload'", "is 'object', which has no fixed JSON shape" },
        { "public IComparable? Payload { get; set; }", "'Bad.Payload'", "is the interface 'IComparable'; the supported interfaces are IEnumerable<T>, IReadOnlyList<T>, IReadOnlyCollection<T>, IList<T>, ICollection<T>, IReadOnlyDictionary<string, T> and IDictionary<string, T>" },
        { "public Dictionary<int, long> Payload { get; set; } = new();", "'Bad.Payload'", "has keys of type 'int'; only string keys are supported" },
        { "public Func<int>? Payload { get; set; }", "'Bad.Payload'", "is the delegate type 'Func<int>'" },
        { "public int[,]? Payload { get; set; }", "'Bad.Payload'", "is a multi-dimensional array" },
        { "public System.IO.Stream? Payload { get; set; }", "'Bad.Payload'", "is 'Stream', a framework type the generator does not support" },
        { "public (int A, int B) Payload { get; set; }", "'Bad.Payload'", "is '(int A, int B)', a framework type the generator does not support" },
        { "public HashSet<string> Payload { get; set; } = new();", "'Bad.Payload'", "is 'HashSet<string>', a framework type the generator does not support" },
        { "public Bag Payload { get; set; } = new();", "'Bad.Payload'", "is 'Bag', a collection type the generator does not support (use an array, a list or a dictionary)" },
        { "public Empty Payload { get; set; } = new();", "'Bad.Payload'", "is 'Empty', which has no public readable properties" },
        { "public List<Item> Items { get; set; } = new();", "'Bad.Items[].Value'", "is 'object', which has no fixed JSON shape" },
        { "public Dictionary<string, Item[]> Items { get; set; } = new();", "'Bad.Items{}[].Value'", "is 'object', which has no fixed JSON shape" },
        { "[JsonConverter(typeof(JsonStringEnumConverter))] public int Payload { get; set; }", "'Bad.Payload'", "has [JsonConverter], which the generator does not support" },
        { "[JsonExtensionData] public Dictionary<string, long> Payload { get; set; } = new();", "'Bad.Payload'", "has [JsonExtensionData], which the generator does not support" },
        { "[JsonInclude] public long Payload;", "'Bad.Payload'", "is a field marked [JsonInclude]; only properties are supported" },
        { "[JsonInclude] internal long Payload { get; set; }", "'Bad.Payload'", "is marked [JsonInclude] but has no public getter; the generated contract can only use public members" },
        { "public Polymorphic Payload { get; set; } = new();", "'Bad.Payload'", "is 'Polymorphic', whose [JsonPolymorphic] the generator does not support" },
    };

    [Theory]
    [MemberData(nameof(Unserializable))]
    public async Task ResultNotSerializable_Triggers_NamingTheMemberPath(string member, string path, string reason)
    {
        var source = Aggregator(
            "[ErrorAggregator]\npublic sealed partial class {|#0:Mine|} : {|CS0535:IErrorAggregator<Tally, Bad>|}", result: "Bad")
            + "\npublic sealed class Bad\n{\n    public long Count { get; set; }\n    " + member + "\n}\n" + ResultParts;

        await GeneratorVerify.DiagnosticsAsync(source, GeneratorVerify.Diagnostic("IEA0006").WithArguments("Mine", path, reason));
    }

    [Fact]
    public async Task ResultNotSerializable_Triggers_OnAnUnsupportedResultTypeItself()
    {
        var source = Aggregator("[ErrorAggregator]\npublic sealed partial class {|#0:Mine|} : {|CS0535:IErrorAggregator<Tally, object>|}", result: "object");

        await GeneratorVerify.DiagnosticsAsync(source, GeneratorVerify.Diagnostic("IEA0006").WithArguments("Mine", "'object'", "is 'object', which has no fixed JSON shape"));
    }

    [Theory]
    [InlineData("[JsonIgnore] public object? Payload { get; set; }")]
    [InlineData("public object? Payload;")]
    [InlineData("private object? Payload { get; set; }")]
    [InlineData("public static object? Payload { get; set; }")]
    [InlineData("public List<Bad> Children { get; set; } = new();")]
    [InlineData("public Dictionary<string, Item2>? Items { get; set; }")]
    [InlineData("public Level? Level { get; set; }")]
    [InlineData("[JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Note { get; set; }")]
    public async Task ResultNotSerializable_DoesNotTrigger_OnSupportedOrExcludedMembers(string member)
    {
        var source = Aggregator("[ErrorAggregator]\npublic sealed partial class Mine : IErrorAggregator<Tally, Bad>", result: "Bad")
            + "\npublic sealed class Bad\n{\n    public long Count { get; set; }\n    " + member + "\n}\n" + ResultParts + Registration;

        await GeneratorVerify.DiagnosticsAsync(source);
    }

    [Fact]
    public async Task ResultNotSerializable_DoesNotTrigger_WhenTheClassDeclaresResultTypeInfo()
    {
        var source = Aggregator(
            "[ErrorAggregator]\npublic sealed partial class Mine : IErrorAggregator<Tally, object>",
            result: "object",
            extraMembers: "    public JsonTypeInfo<object> ResultTypeInfo => throw new NotSupportedException();") + Registration;

        await GeneratorVerify.DiagnosticsAsync(source);
    }

    [Fact]
    public async Task DuplicateAggregatorName_Triggers_OnBothClasses()
    {
        var source = Usings
            + "namespace A { [ErrorAggregator(\"same\")] public sealed partial class {|#0:One|} : IErrorAggregator<Tally, Summary> {\n" + Body() + "\n} }\n"
            + "namespace B { [ErrorAggregator(\"same\")] public sealed partial class {|#1:Two|} : IErrorAggregator<Tally, Summary> {\n" + Body() + "\n} }\n"
            + Types;

        await GeneratorVerify.DiagnosticsAsync(
            source,
            GeneratorVerify.Diagnostic("IEA0007", 0).WithArguments("same", "A.One", "B.Two"),
            GeneratorVerify.Diagnostic("IEA0007", 1).WithArguments("same", "B.Two", "A.One"));
    }

    [Fact]
    public async Task DuplicateAggregatorName_Triggers_OnTwoDefaultNames()
    {
        var source = Usings
            + "namespace A { [ErrorAggregator] public sealed partial class {|#0:Counts|} : IErrorAggregator<Tally, Summary> {\n" + Body() + "\n} }\n"
            + "namespace B { [ErrorAggregator(\"counts\")] public sealed partial class {|#1:Other|} : IErrorAggregator<Tally, Summary> {\n" + Body() + "\n} }\n"
            + Types;

        await GeneratorVerify.DiagnosticsAsync(
            source,
            GeneratorVerify.Diagnostic("IEA0007", 0).WithArguments("counts", "A.Counts", "B.Other"),
            GeneratorVerify.Diagnostic("IEA0007", 1).WithArguments("counts", "B.Other", "A.Counts"));
    }

    [Fact]
    public async Task DuplicateAggregatorName_DoesNotTrigger_OnDistinctNames()
    {
        // Names compare like the report's keys, case-sensitively: "counts" and "Counts" are two names.
        var source = Usings
            + "namespace A { [ErrorAggregator] public sealed partial class Counts : IErrorAggregator<Tally, Summary> {\n" + Body() + "\n} }\n"
            + "namespace B { [ErrorAggregator(\"Counts\")] public sealed partial class Counts : IErrorAggregator<Tally, Summary> {\n" + Body() + "\n} }\n"
            + Types + Registration;

        await GeneratorVerify.DiagnosticsAsync(source);
    }

    [Fact]
    public async Task AggregatorNotPartial_Triggers_OnAFileLocalClass()
    {
        await GeneratorVerify.DiagnosticsAsync(
            Aggregator("[ErrorAggregator]\nfile sealed partial class {|#0:Mine|} : " + Unimplemented),
            GeneratorVerify.Diagnostic("IEA0005").WithArguments("'Mine' is file-local"));
    }

    public static TheoryData<string, string> NotConstructible() => new()
    {
        { "[ErrorAggregator]\npublic abstract partial class {|#0:Mine|} : " + Interface, "is abstract" },
        { "[ErrorAggregator]\npublic sealed partial class {|#0:Mine|}<T> : " + Interface, "is generic" },
        { "[ErrorAggregator]\npublic sealed partial class {|#0:Mine|} : " + Interface + "\n{\n    public Mine(int limit) { }\n}\npartial class Mine", "has no parameterless constructor accessible in its assembly" },
        { "[ErrorAggregator]\npublic sealed partial class {|#0:Mine|} : " + Interface + "\n{\n    private Mine() { }\n}\npartial class Mine", "has no parameterless constructor accessible in its assembly" },
        { "[ErrorAggregator]\npublic sealed partial class {|#0:Mine|} : " + Interface + "\n{\n    public required int Limit { get; init; }\n}\npartial class Mine", "has required members" },
    };

    [Theory]
    [MemberData(nameof(NotConstructible))]
    public async Task AggregatorNotConstructible_Triggers(string header, string reason)
    {
        var displayName = header.Contains("<T>", StringComparison.Ordinal) ? "Mine<T>" : "Mine";

        await GeneratorVerify.DiagnosticsAsync(Aggregator(header) + Registration, GeneratorVerify.Diagnostic("IEA0008").WithArguments(displayName, reason));
    }

    [Fact]
    public async Task GeneratorDiagnostics_AreSuppressedByPragmas()
    {
        var source = Aggregator("#pragma warning disable IEA0008 // registered by hand with its limit\n[ErrorAggregator]\npublic sealed partial class Mine : " + Interface
            + "\n{\n    public Mine(int limit) { }\n}\n#pragma warning restore IEA0008\npartial class Mine") + Registration;

        await GeneratorVerify.DiagnosticsAsync(source);
    }

    [Fact]
    public async Task AggregatorNotConstructible_Triggers_OnAPrivateNestedClass()
    {
        var source = Usings + "public static partial class Rules\n{\n[ErrorAggregator]\nprivate sealed partial class {|#0:Mine|} : " + Interface
            + "\n{\n" + Body() + "\n}\n}\n" + Types + Registration;

        await GeneratorVerify.DiagnosticsAsync(source, GeneratorVerify.Diagnostic("IEA0008").WithArguments("Rules.Mine", "is not accessible outside its containing type"));
    }

    [Theory]
    [InlineData("[ErrorAggregator]\npublic sealed partial class {|#0:NotOne|}\n{\n}\n", "does not implement IErrorAggregator<TState, TResult>")]
    [InlineData("[ErrorAggregator]\npublic sealed partial class {|#0:NotOne|} : IComparable\n{\n    public int CompareTo(object? other) => 0;\n}\n", "does not implement IErrorAggregator<TState, TResult>")]
    public async Task NotAnAggregator_Triggers(string declaration, string reason)
    {
        await GeneratorVerify.DiagnosticsAsync(Usings + declaration + Types, GeneratorVerify.Diagnostic("IEA0009").WithArguments("NotOne", reason));
    }

    [Fact]
    public async Task NotAnAggregator_Triggers_OnTwoImplementations()
    {
        var source = Usings + """
            [ErrorAggregator]
            public sealed partial class {|#0:Twice|} : IErrorAggregator<Tally, Summary>, IErrorAggregator<Tally, long>
            {
                public string Name => "twice";
                JsonTypeInfo<Summary> IErrorAggregator<Tally, Summary>.ResultTypeInfo => null!;
                JsonTypeInfo<long> IErrorAggregator<Tally, long>.ResultTypeInfo => null!;
                public Tally CreateState() => new();
                public void Add(Tally state, in ImportErrorRecord record) => state.Count++;
                public void Merge(Tally into, Tally other) => into.Count += other.Count;
                Summary IErrorAggregator<Tally, Summary>.GetResult(Tally state) => new();
                long IErrorAggregator<Tally, long>.GetResult(Tally state) => state.Count;
            }
            """ + Types;

        await GeneratorVerify.DiagnosticsAsync(source, GeneratorVerify.Diagnostic("IEA0009").WithArguments("Twice", "implements IErrorAggregator<TState, TResult> 2 times"));
    }

    [Theory]
    [InlineData("[ErrorAggregator(\"\")]", "")]
    [InlineData("[ErrorAggregator(\"  \")]", "")]
    [InlineData("[ErrorAggregator(null!)]", "")]
    public async Task InvalidAggregatorName_Triggers_OnAnEmptyName(string attribute, string extra)
    {
        var source = Aggregator(attribute + "\npublic sealed partial class {|#0:Mine|} : {|CS0535:IErrorAggregator<Tally, Summary>|}", extraMembers: extra);

        await GeneratorVerify.DiagnosticsAsync(source, GeneratorVerify.Diagnostic("IEA0010").WithArguments("Mine", "is given an empty name by [ErrorAggregator]"));
    }

    [Theory]
    [InlineData("[ErrorAggregator(\"mine\")]", "    public string Name => \"mine\";", "mine")]
    [InlineData("[ErrorAggregator]", "    string IErrorAggregator.Name => \"mine\";", "mine")]
    [InlineData("[ErrorAggregator(\"other\")]", "    public static string Name => \"mine\";", "other")]
    public async Task InvalidAggregatorName_Triggers_WhenTheClassDeclaresName(string attribute, string nameMember, string suggested)
    {
        var source = Aggregator(attribute + "\npublic sealed partial class {|#0:Mine|} : IErrorAggregator<Tally, Summary>", extraMembers: nameMember);
        if (nameMember.Contains("static", StringComparison.Ordinal))
        {
            source = source.Replace("IErrorAggregator<Tally, Summary>", "{|CS0736:IErrorAggregator<Tally, Summary>|}", StringComparison.Ordinal);
        }

        await GeneratorVerify.DiagnosticsAsync(source, GeneratorVerify.Diagnostic("IEA0010").WithArguments(
            "Mine", $"declares Name itself; [ErrorAggregator] generates it: remove the declaration and write [ErrorAggregator(\"{suggested}\")] with the name you want"));
    }

    [Fact]
    public async Task InvalidAggregatorName_Triggers_WhenABaseClassImplementsName()
    {
        var source = Usings + """
            public abstract class NamedBase
            {
                public string Name => "base";
            }

            [ErrorAggregator]
            public sealed partial class {|#0:Mine|} : NamedBase, IErrorAggregator<Tally, Summary>
            {
            """ + Body() + "\n}\n" + Types;

        await GeneratorVerify.DiagnosticsAsync(source, GeneratorVerify.Diagnostic("IEA0010").WithArguments(
            "Mine", "declares Name itself; [ErrorAggregator] generates it: remove the declaration and write [ErrorAggregator(\"mine\")] with the name you want"));
    }

    /// <summary>Calls the generated registration, so a class it must leave out would be a compile error.</summary>
    private const string Registration = """

        public static class Startup
        {
            public static ImportErrorAnalyzerBuilder Configure(ImportErrorAnalyzerBuilder builder) => builder.AddGeneratedAggregators();
        }
        """;

    /// <summary>Types the result-type tests refer to.</summary>
    private const string ResultParts = """
        public sealed class Bag : List<int> { }
        public sealed class Empty { }
        public sealed class Item { public object? Value { get; set; } }
        public sealed class Item2 { public int Value { get; set; } }
        public enum Level { Low, High }
        [JsonPolymorphic] public class Polymorphic { public int Value { get; set; } }
        """;
}
