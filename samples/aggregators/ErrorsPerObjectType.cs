// A custom aggregator for `iea report --aggregator samples/aggregators/ErrorsPerObjectType.cs`.
//
// The CLI compiles this file in-process against the ImportErrorAnalytics library (no project needed), as a project
// referencing the package would: the [ErrorAggregator] source generator runs on it (IEA0005-IEA0010) and so do the IEA
// analyzers (IEA0001-IEA0004); their diagnostics are printed as `file(line,col): warning IEA0003: ...`. It then
// registers every public, non-abstract class implementing IErrorAggregator<TState, TResult> that has a public
// parameterless constructor. Its result appears in the JSON report under `custom.{Name}` and in the Markdown report
// under "Custom aggregators".
//
// Rules of the contract (see IErrorAggregator<TState, TResult>):
// - CreateState gives every worker its own, empty state; Add sees one record at a time on the hot path and must not
//   allocate (IEA0003) nor keep the record's spans; Merge combines two workers' states and must be associative and
//   commutative (IEA0004 flags a Merge that does nothing); GetResult builds the reported value.
// - [ErrorAggregator("name")] on a partial class writes the rest: Name (the attribute's argument) and ResultTypeInfo,
//   a JSON contract of the result type generated at compile time (camelCase names, no reflection). The same class
//   compiles unchanged in a project that references the ImportErrorAnalytics package, where
//   builder.AddGeneratedAggregators() registers it.
// - Implicit usings are off: every namespace is imported below.

using System;
using System.Collections.Generic;
using ImportErrorAnalytics.Aggregation;
using ImportErrorAnalytics.Model;

namespace SampleAggregators;

/// <summary>The per-worker state: errors counted per object type and the failing lines per file seen.</summary>
public sealed class ObjectTypeTally
{
    /// <summary>Errors per object type; the keys are the library's interned names, so counting allocates nothing new.</summary>
    public Dictionary<string, long> Errors { get; } = new(StringComparer.Ordinal);

    /// <summary>Errors whose object type was not given.</summary>
    public long WithoutObjectType { get; set; }

    /// <summary>Errors that name a CSV line.</summary>
    public long WithLine { get; set; }
}

/// <summary>What the aggregator reports: one entry per object type, most errors first.</summary>
public sealed class ObjectTypeErrors
{
    public long WithoutObjectType { get; set; }

    public long WithLine { get; set; }

    public List<ObjectTypeErrorCount> ObjectTypes { get; set; } = [];
}

/// <summary>Errors of one object type.</summary>
public sealed class ObjectTypeErrorCount
{
    public string ObjectType { get; set; } = "";

    public long Errors { get; set; }
}

/// <summary>Counts errors per object type (CONTACT, COMPANY, ...), and how many of them name a line.</summary>
[ErrorAggregator("errorsPerObjectType")]
public sealed partial class ErrorsPerObjectType : IErrorAggregator<ObjectTypeTally, ObjectTypeErrors>
{
    public ObjectTypeTally CreateState() => new();

    /// <summary>The hot path: no allocation per record (ObjectType is an interned name; the dictionary only grows per new type).</summary>
    public void Add(ObjectTypeTally state, in ImportErrorRecord record)
    {
        if (record.LineNumber is not null)
        {
            state.WithLine++;
        }

        var objectType = record.ObjectType;
        if (objectType is null)
        {
            state.WithoutObjectType++;
            return;
        }

        state.Errors.TryGetValue(objectType, out var count);
        state.Errors[objectType] = count + 1;
    }

    /// <summary>Sums the other worker's counts into <paramref name="into"/>: associative and commutative.</summary>
    public void Merge(ObjectTypeTally into, ObjectTypeTally other)
    {
        into.WithoutObjectType += other.WithoutObjectType;
        into.WithLine += other.WithLine;
        foreach (var pair in other.Errors)
        {
            into.Errors.TryGetValue(pair.Key, out var count);
            into.Errors[pair.Key] = count + pair.Value;
        }
    }

    public ObjectTypeErrors GetResult(ObjectTypeTally state)
    {
        var result = new ObjectTypeErrors { WithoutObjectType = state.WithoutObjectType, WithLine = state.WithLine };
        foreach (var pair in state.Errors)
        {
            result.ObjectTypes.Add(new ObjectTypeErrorCount { ObjectType = pair.Key, Errors = pair.Value });
        }

        result.ObjectTypes.Sort((a, b) => b.Errors != a.Errors ? b.Errors.CompareTo(a.Errors) : string.CompareOrdinal(a.ObjectType, b.ObjectType));
        return result;
    }
}
