namespace ImportErrorAnalytics.Testing;

/// <summary>One range of a value HubSpot masked (<c>invalidPropertyValue.maskedSubstrings.substrings[]</c>).</summary>
/// <param name="Start">The first masked character.</param>
/// <param name="End">The end of the range.</param>
public readonly record struct MaskedRange(int Start, int End);
