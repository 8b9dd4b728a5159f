namespace ImportErrorAnalytics.HubSpot;

/// <summary>Why a call to HubSpot failed for good.</summary>
public enum HubSpotFailure
{
    /// <summary>400: HubSpot refused the request.</summary>
    BadRequest,

    /// <summary>401: the token is missing or invalid.</summary>
    Unauthorized,

    /// <summary>403: the token lacks the <c>crm.import</c> scope.</summary>
    Forbidden,

    /// <summary>404: no such import.</summary>
    NotFound,

    /// <summary>429 with policy DAILY: the account's daily budget is spent.</summary>
    DailyLimit,

    /// <summary>Still rate-limited after the configured total wait.</summary>
    RateLimitExhausted,

    /// <summary>Still failing (5xx, timeouts, cut bodies) after the configured retries.</summary>
    RetriesExhausted,

    /// <summary>
    /// HubSpot answered against its API: an import's description or a page of the list of imports of the wrong shape,
    /// not JSON, or over its size limit; or paging that cannot be followed (a cursor seen before in the run, an empty one).
    /// </summary>
    InvalidResponse,
}
