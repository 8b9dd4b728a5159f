namespace ImportErrorAnalytics.Testing.FakeHubSpot;

/// <summary>What a <see cref="Fault"/> does to a request.</summary>
public enum FaultKind
{
    /// <summary>429 with <c>policyName</c> TEN_SECONDLY_ROLLING and <c>X-HubSpot-RateLimit-Remaining: 0</c>.</summary>
    RateLimited,

    /// <summary>429 with <c>policyName</c> DAILY and <c>X-HubSpot-RateLimit-Daily-Remaining: 0</c>.</summary>
    DailyLimit,

    /// <summary>A 5xx status with an error body (JSON, or an HTML gateway page).</summary>
    ServerError,

    /// <summary>423 Locked.</summary>
    Locked,

    /// <summary>477 Migration In Progress, with <c>Retry-After</c>.</summary>
    MigrationInProgress,

    /// <summary>The normal response, written in small chunks with a delay between them.</summary>
    SlowDrip,

    /// <summary>Part of the normal response with the full <c>Content-Length</c>, then the connection is aborted.</summary>
    CutOff,

    /// <summary>Status 200 with a body that is not valid JSON.</summary>
    MalformedJson,

    /// <summary>The normal response after a delay.</summary>
    Delay,

    /// <summary>No response at all until the client gives up or the server stops.</summary>
    Hang,

    /// <summary>An errors page with no results and a cursor to the same position (HubSpot may send those).</summary>
    EmptyPage,

    /// <summary>The normal response with its body rewritten by a function and extra headers: any body a broken server or proxy could send.</summary>
    RewrittenBody,

    /// <summary>A response of a given status, headers and body instead of the normal one.</summary>
    CustomResponse,

    /// <summary>An errors or list page whose <c>paging.next.after</c> is the cursor the request was made with (a server stuck on a page).</summary>
    RepeatedCursor,

    /// <summary>An errors or list page whose <c>paging.next.after</c> is the empty string.</summary>
    EmptyCursor,

    /// <summary>A response with a body given by the test instead of the normal one (e.g. JSON of the wrong shape).</summary>
    ReplacedBody,

    /// <summary>The normal response compressed with gzip (<c>Content-Encoding: gzip</c>).</summary>
    Gzip,
    /// <summary>A 4xx status (400, 401, 403, 404, ...) with HubSpot's JSON error body carrying a chosen message.</summary>
    ClientError,
}
