namespace ImportErrorAnalytics.Testing.FakeHubSpot;

/// <summary>Which endpoint a request went to.</summary>
public enum FakeHubSpotEndpoint
{
    /// <summary>A path the server does not serve (answered 404).</summary>
    Unknown,

    /// <summary><c>GET /crm/imports/2026-03</c> or <c>/crm/v3/imports</c>: the list of imports.</summary>
    ImportList,

    /// <summary><c>GET .../{importId}</c>: one import.</summary>
    Import,

    /// <summary><c>GET .../{importId}/errors</c>: a page of an import's errors.</summary>
    Errors,
}
