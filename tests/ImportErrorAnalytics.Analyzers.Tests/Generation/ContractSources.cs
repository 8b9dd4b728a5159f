namespace ImportErrorAnalytics.Analyzers.Tests.Generation;

/// <summary>A result type graph using every shape the generated contract supports, and a populated instance of it.</summary>
internal static class ContractSources
{
    public const string RichResult = """
        using System;
        using System.Collections.Generic;
        using System.Diagnostics.CodeAnalysis;
        using System.Text.Json.Serialization;
        using ImportErrorAnalytics.Aggregation;
        using ImportErrorAnalytics.Model;

        namespace Contracts;

        public enum Severity { Low, High }

        [JsonConverter(typeof(JsonStringEnumConverter))]
        public enum Channel { Email, Phone }

        public readonly record struct Range(int From, int To);

        public record Position(int Line, string? Column = "A", double Weight = 1.5);

        public abstract class Entity
        {
            public Guid Id { get; set; }
            public virtual string Kind { get; set; } = "entity";
            public string Shadowed { get; set; } = "base";
        }

        public sealed class Node
        {
            public string Label { get; set; } = "";
            public List<Node> Children { get; set; } = [];
        }

        public sealed class Pair<TLeft, TRight>
        {
            public TLeft Left { get; set; } = default!;
            public TRight Right { get; set; } = default!;
        }

        public sealed class Numbers
        {
            public byte Byte { get; set; }
            public sbyte SByte { get; set; }
            public short Int16 { get; set; }
            public ushort UInt16 { get; set; }
            public int Int32 { get; set; }
            public uint UInt32 { get; set; }
            public long Int64 { get; set; }
            public ulong UInt64 { get; set; }
            public Int128 Int128 { get; set; }
            public UInt128 UInt128 { get; set; }
            public Half Half { get; set; }
            public float Single { get; set; }
            public double Double { get; set; }
            public decimal Decimal { get; set; }
        }

        public sealed class Moments
        {
            public DateTime DateTime { get; set; }
            public DateTimeOffset DateTimeOffset { get; set; }
            public DateOnly DateOnly { get; set; }
            public TimeOnly TimeOnly { get; set; }
            public TimeSpan TimeSpan { get; set; }
            public Guid Guid { get; set; }
            public Uri? Uri { get; set; }
            public Version? Version { get; set; }
            public char Char { get; set; }
            public bool Bool { get; set; }
        }

        public sealed class Rich : Entity
        {
            public required string Title { get; init; }
            public int Init { get; init; } = 7;
            public override string Kind { get; set; } = "rich";
            public new string Shadowed { get; set; } = "derived";
            public string? Missing { get; set; }
            public int? NullableInt { get; set; }
            public int? NullNullableInt { get; set; }
            public Severity Severity { get; set; }
            public Severity? NullableSeverity { get; set; }
            public Channel Channel { get; set; }
            public Range? NullableRange { get; set; }
            public Range Range { get; set; }
            public Position Position { get; set; } = new(1);
            public Numbers Numbers { get; set; } = new();
            public Moments Moments { get; set; } = new();
            public Node Tree { get; set; } = new();
            public Pair<int, string> Pair { get; set; } = new();
            public string[] Array { get; set; } = [];
            public List<Position> List { get; set; } = [];
            public IList<long> IList { get; set; } = [];
            public ICollection<long> ICollection { get; set; } = [];
            public IEnumerable<long> IEnumerable { get; set; } = [];
            public IReadOnlyList<Position> IReadOnlyList { get; set; } = [];
            public IReadOnlyCollection<Severity> IReadOnlyCollection { get; set; } = [];
            public Dictionary<string, long> Dictionary { get; set; } = [];
            public IDictionary<string, Position> IDictionary { get; set; } = new Dictionary<string, Position>();
            public IReadOnlyDictionary<string, List<int>> IReadOnlyDictionary { get; set; } = new Dictionary<string, List<int>>();
            public Dictionary<string, Node?> Nodes { get; set; } = [];
            [JsonPropertyName("renamed_value")] public int Renamed { get; set; }
            [JsonIgnore] public object? Ignored { get; set; }
            [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? SkippedWhenNull { get; set; }
            [JsonPropertyOrder(-1)] public int First { get; set; }
            [JsonRequired] public int Checked { get; set; }
            public string ReadOnly => "computed";
            public int @event { get; set; }
            public long Field;
        }

        public static class Samples
        {
            public static Rich Create() => new()
            {
                Title = "t \"quoted\" ünïcode",
                Init = 3,
                Id = new Guid("0f8fad5b-d9cb-469f-a165-70867728950e"),
                Kind = "override",
                Shadowed = "derived value",
                NullableInt = 42,
                Severity = Severity.High,
                NullableSeverity = Severity.Low,
                Channel = Channel.Phone,
                NullableRange = new Range(1, 2),
                Range = new Range(3, 4),
                Position = new Position(9, null, 0.25),
                Numbers = new Numbers
                {
                    Byte = 255, SByte = -128, Int16 = short.MinValue, UInt16 = ushort.MaxValue, Int32 = int.MinValue, UInt32 = uint.MaxValue,
                    Int64 = long.MinValue, UInt64 = ulong.MaxValue, Int128 = Int128.MaxValue, UInt128 = UInt128.MaxValue,
                    Half = (Half)1.5, Single = 0.1f, Double = 1e300, Decimal = 79228162514264337593543950335m,
                },
                Moments = new Moments
                {
                    DateTime = new DateTime(2026, 3, 1, 12, 30, 0, DateTimeKind.Utc),
                    DateTimeOffset = new DateTimeOffset(2026, 3, 1, 12, 30, 0, TimeSpan.FromHours(2)),
                    DateOnly = new DateOnly(2026, 3, 1),
                    TimeOnly = new TimeOnly(23, 59, 58),
                    TimeSpan = TimeSpan.FromMinutes(90),
                    Guid = Guid.Empty,
                    Uri = new Uri("https://example.invalid/a?b=c"),
                    Version = new Version(1, 2, 3),
                    Char = 'x',
                    Bool = true,
                },
                Tree = new Node { Label = "root", Children = [new Node { Label = "a" }, new Node { Label = "b", Children = [new Node { Label = "c" }] }] },
                Pair = new Pair<int, string> { Left = 1, Right = "one" },
                Array = ["x", "y"],
                List = [new Position(1), new Position(2, "B")],
                IList = [1, 2],
                ICollection = [3],
                IEnumerable = [4, 5, 6],
                IReadOnlyList = [new Position(7)],
                IReadOnlyCollection = [Severity.Low, Severity.High],
                Dictionary = new() { ["a"] = 1, ["b"] = 2 },
                IDictionary = new Dictionary<string, Position> { ["p"] = new Position(5) },
                IReadOnlyDictionary = new Dictionary<string, List<int>> { ["l"] = [1, 2, 3] },
                Nodes = new() { ["none"] = null, ["leaf"] = new Node { Label = "leaf" } },
                Renamed = 5,
                Ignored = new object(),
                First = 1,
                Checked = 2,
                @event = 8,
                Field = 99,
            };
        }

        public sealed class Tally { public long Count; }

        [ErrorAggregator]
        public sealed partial class RichAggregator : IErrorAggregator<Tally, Rich>
        {
            public Tally CreateState() => new();
            public void Add(Tally state, in ImportErrorRecord record) => state.Count++;
            public void Merge(Tally into, Tally other) => into.Count += other.Count;
            public Rich GetResult(Tally state) => Samples.Create();
        }

        [ErrorAggregator("count")]
        internal sealed partial class CountAggregator : IErrorAggregator<Tally, long>
        {
            public Tally CreateState() => new();
            public void Add(Tally state, in ImportErrorRecord record) => state.Count++;
            public void Merge(Tally into, Tally other) => into.Count += other.Count;
            public long GetResult(Tally state) => state.Count;
        }

        [ErrorAggregator("ranges")]
        public sealed partial class RangesAggregator : IErrorAggregator<Tally, IReadOnlyList<Range>>
        {
            public Tally CreateState() => new();
            public void Add(Tally state, in ImportErrorRecord record) => state.Count++;
            public void Merge(Tally into, Tally other) => into.Count += other.Count;
            public IReadOnlyList<Range> GetResult(Tally state) => [new Range(0, (int)state.Count), new Range(-1, 1)];
        }
        """;
}
