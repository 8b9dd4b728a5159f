namespace ImportErrorAnalytics.FailedRows;

/// <summary>What the failed-rows CSV does with text a spreadsheet would run as a formula.</summary>
public enum FailedRowsFormulas
{
    /// <summary>
    /// The default: a field that starts with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return gets a
    /// leading <c>'</c>, so a spreadsheet shows it as text instead of running it (OWASP's advice against CSV injection).
    /// </summary>
    Escape,

    /// <summary>Every field exactly as HubSpot sent it: for a file imported again into HubSpot, never opened in a spreadsheet.</summary>
    Keep,
}
