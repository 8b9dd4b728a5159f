namespace ImportErrorAnalytics.Parsing;

/// <summary>How an input's bytes are laid out.</summary>
public enum InputFormat
{
    /// <summary>One or more API response pages: <c>{"results":[...],"paging":{...}}</c>, one after another.</summary>
    Pages,

    /// <summary>Newline-delimited JSON: one error object per line.</summary>
    Ndjson,
}
