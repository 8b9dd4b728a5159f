// A custom aggregator for `iea report --aggregator samples/aggregators/ErrorsPerObjectType.cs`.
//
// The CLI compiles this file in-process against the ImportErrorAnalytics library (no project needed), runs the IEA
// analyzers (IEA0001-IEA0004) on it and prints their diagnostics as `file(line,col): warning IEA0003: ...`, then
// registers every public, non-abstract class implementing IErrorAggregator<TState, TResult> that has a public
// parameterless constructor. Its result appears in the JSON report under `custom.{Name}` and in the Markdown report
// under "Custom aggregators".
//
// Rules of the contract (see IErrorAggregator<TState, TResult>):
// - CreateState gives every worker its own, empty state; Add sees one record at a time on the hot path and must not
//   allocate (IEA0003) nor keep the record's spans; Merge combines two workers' states and must be associative and
//   commutative (IEA0004 flags a Merge that does nothing); GetResult builds the reported value.
// - Implicit usings are off: every namespace is imported below.
// - The System.Text.Json source generator does not run on this file, so ResultTypeInfo asks the reflection-based
//   default options for the result's contract (the iea CLI enables reflection serialization for this).

using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
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
public sealed class ErrorsPerObjectType : IErrorAggregator<ObjectTypeTally, ObjectTypeErrors>
{
    /// <summary>The key under <c>custom</c> in the JSON report.</summary>
    public string Name => "errorsPerObjectType";

    /// <summary>The result's JSON contract, by reflection (camelCase names from the web defaults).</summary>
    public JsonTypeInfo<ObjectTypeErrors> ResultTypeInfo => (JsonTypeInfo<ObjectTypeErrors>)JsonSerializerOptions.Web.GetTypeInfo(typeof(ObjectTypeErrors));

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
