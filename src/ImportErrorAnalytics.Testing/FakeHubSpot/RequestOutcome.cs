namespace ImportErrorAnalytics.Testing.FakeHubSpot;

/// <summary>What an endpoint served, for the request log.</summary>
internal sealed class RequestOutcome
{
    public int? ResultCount { get; set; }

    public string? NextAfter { get; set; }

    public bool Aborted { get; set; }
}
