using System.Text.Json.Serialization.Metadata;
using ImportErrorAnalytics.Model;
using ImportErrorAnalytics.Parsing;

namespace ImportErrorAnalytics.Aggregation.BuiltIn;

/// <summary>Counts all errors, sensitive values and errors of types HubSpot had not documented.</summary>
internal sealed class TotalsAggregator : IErrorAggregator<TotalsState, TotalsState>, IPersistentErrorAggregator<TotalsState>, IPageAggregator<TotalsState>
{
    public string Name => "totals";

    public JsonTypeInfo<TotalsState> ResultTypeInfo => BuiltInJsonContext.Default.TotalsState;

    public TotalsState CreateState() => new();

    void IPageAggregator<TotalsState>.AddPage(TotalsState state, ImportErrorPage page)
    {
        for (var i = 0; i < page.Count; i++)
        {
            Add(state, page.GetRecordUnchecked(i));
        }
    }

    public void Add(TotalsState state, in ImportErrorRecord record)
    {
        state.Errors++;
        if (record.IsSensitive)
        {
            state.RedactedValues++;
        }

        if (record.ErrorTypeId > HubSpotNames.KnownErrorTypeCount)
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

    public void WriteState(TotalsState state, System.Text.Json.Utf8JsonWriter writer) =>
        System.Text.Json.JsonSerializer.Serialize(writer, state, BuiltInJsonContext.Default.TotalsState);

    public TotalsState ReadState(System.Text.Json.JsonElement json) => new()
    {
        Errors = StateJson.Long(json, "errors"),
        RedactedValues = StateJson.Long(json, "redactedValues"),
        UnknownErrorTypeErrors = StateJson.Long(json, "unknownErrorTypeErrors"),
    };
}

/// <summary>Running totals.</summary>
internal sealed class TotalsState
{
    public long Errors { get; set; }

    public long RedactedValues { get; set; }

    public long UnknownErrorTypeErrors { get; set; }
}
