using ImportErrorAnalytics.Aggregation;
using ImportErrorAnalytics.Model;

namespace ImportErrorAnalytics.Tests.Aggregation.Generated;

/// <summary>
/// A real <c>[ErrorAggregator]</c> compiled by this project's build with the IEA generator: it writes no
/// <c>Name</c> and no <c>ResultTypeInfo</c>, and is registered by <c>AddGeneratedAggregators()</c>.
/// </summary>
[ErrorAggregator("errorProfile")]
public sealed partial class ErrorProfileAggregator : IErrorAggregator<ErrorProfileState, ErrorProfile>
{
    public ErrorProfileState CreateState() => new();

    public void Add(ErrorProfileState state, in ImportErrorRecord record)
    {
        state.Errors++;
        if (record.LineNumber is { } line)
        {
            state.WithLine++;
            if (state.FirstLine is null || line < state.FirstLine)
            {
                state.FirstLine = line;
            }
        }

        Count(state.ObjectTypes, record.ObjectType);
        Count(state.ErrorTypes, record.ErrorType);
    }

    public void Merge(ErrorProfileState into, ErrorProfileState other)
    {
        into.Errors += other.Errors;
        into.WithLine += other.WithLine;
        if (other.FirstLine is { } line && (into.FirstLine is null || line < into.FirstLine))
        {
            into.FirstLine = line;
        }

        foreach (var pair in other.ObjectTypes)
        {
            into.ObjectTypes[pair.Key] = into.ObjectTypes.GetValueOrDefault(pair.Key) + pair.Value;
        }

        foreach (var pair in other.ErrorTypes)
        {
            into.ErrorTypes[pair.Key] = into.ErrorTypes.GetValueOrDefault(pair.Key) + pair.Value;
        }
    }

    public ErrorProfile GetResult(ErrorProfileState state)
    {
        var withoutLine = state.Errors - state.WithLine;
        return new ErrorProfile
        {
            Errors = state.Errors,
            FirstLine = state.FirstLine,
            MostCommonLineKind = state.WithLine >= withoutLine ? LineKind.WithLine : LineKind.WithoutLine,
            ObjectTypes = [.. state.ObjectTypes
                .OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => new ObjectTypeErrors(p.Key, p.Value))],
            ErrorTypes = new Dictionary<string, long>(state.ErrorTypes.OrderBy(p => p.Key, StringComparer.Ordinal)),
            LineKindCounts = [withoutLine, state.WithLine],
            NotInTheReport = new object(),
        };
    }

    private static void Count(Dictionary<string, long> counts, string? name)
    {
        if (name is not null)
        {
            counts.TryGetValue(name, out var count);
            counts[name] = count + 1;
        }
    }
}
