using System.Text.Json.Serialization;

namespace ImportErrorAnalytics.Tests.Aggregation.Generated;

/// <summary>Whether an error names a CSV line.</summary>
public enum LineKind
{
    WithoutLine,
    WithLine,
}

/// <summary>Errors of one object type (a positional record: created through its constructor when read).</summary>
public sealed record ObjectTypeErrors(string ObjectType, long Errors);

/// <summary>
/// The result of <see cref="ErrorProfileAggregator"/>: a graph touching most of what the generated contract supports
/// (numbers, nullable values, enums, records, init-only properties, lists, dictionaries, arrays, renamed and ignored members).
/// </summary>
public sealed class ErrorProfile
{
    public long Errors { get; init; }

    public int? FirstLine { get; init; }

    public LineKind MostCommonLineKind { get; init; }

    public IReadOnlyList<ObjectTypeErrors> ObjectTypes { get; init; } = [];

    public Dictionary<string, long> ErrorTypes { get; init; } = [];

    [JsonPropertyName("lineKinds")]
    public long[] LineKindCounts { get; init; } = [];

    [JsonIgnore]
    public object? NotInTheReport { get; init; }
}
