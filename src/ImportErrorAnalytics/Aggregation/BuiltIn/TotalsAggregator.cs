using System.Text.Json.Serialization.Metadata;
using ImportErrorAnalytics.Model;

namespace ImportErrorAnalytics.Aggregation.BuiltIn;

/// <summary>Counts all errors, sensitive values and errors of types HubSpot had not documented.</summary>
internal sealed class TotalsAggregator : IErrorAggregator<TotalsState, TotalsState>
{
    public string Name => "totals";

    public JsonTypeInfo<TotalsState> ResultTypeInfo => BuiltInJsonContext.Default.TotalsState;

    public TotalsState CreateState() => new();

    public void Add(TotalsState state, in ImportErrorRecord record)
    {
        state.Errors++;
        if (record.IsSensitive)
        {
            state.RedactedValues++;
        }

        if (record.ErrorTypeId > HubSpotNames.ErrorTypeTable.KnownCount)
        {
            state.UnknownErrorTypeErrors++;
        }
    }

    public void Merge(TotalsState into, TotalsState other)
    {
        into.Errors += other.Errors;
        into.RedactedValues += other.RedactedValues;
        into.UnknownErrorTypeErrors += other.UnknownErrorTypeErrors;
    }

    public TotalsState GetResult(TotalsState state) => state;
}

/// <summary>Running totals.</summary>
internal sealed class TotalsState
{
    public long Errors { get; set; }

    public long RedactedValues { get; set; }

    public long UnknownErrorTypeErrors { get; set; }
}
