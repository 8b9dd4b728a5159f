namespace ImportErrorAnalytics.Testing.FakeHubSpot;

/// <summary>
/// One request as the fake server saw it. The bearer token is never recorded, and token-like query parameters
/// (<c>hapikey</c>, <c>access_token</c>, <c>token</c>) are redacted.
/// </summary>
public sealed record RequestLogEntry
{
    /// <summary>1-based arrival number over all requests.</summary>
    public required long Number { get; init; }

    /// <summary>When the request arrived, by the server's <see cref="TimeProvider"/>.</summary>
    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>The HTTP method.</summary>
    public required string Method { get; init; }

    /// <summary>The path.</summary>
    public required string Path { get; init; }

    /// <summary>The query string with its leading <c>?</c>, or empty; token-like values redacted.</summary>
    public required string Query { get; init; }

    /// <summary>Which endpoint the path names.</summary>
    public required FakeHubSpotEndpoint Endpoint { get; init; }

    /// <summary>The import id from the path, if any.</summary>
    public string? ImportId { get; init; }

    /// <summary>The <c>after</c> cursor asked for, or <see langword="null"/> for the first page.</summary>
    public string? After { get; init; }

    /// <summary>The fault injected, if any (including burst-limit refusals, recorded as <see cref="FaultKind.RateLimited"/> or <see cref="FaultKind.DailyLimit"/>).</summary>
    public Fault? Fault { get; init; }

    /// <summary>Whether the server's own burst or daily limit refused the request (rather than a planned fault).</summary>
    public bool RefusedByRateLimit { get; init; }

    /// <summary>The status sent; 0 while the request is still being answered or when none was sent.</summary>
    public int StatusCode { get; init; }

    /// <summary>Whether the response was finished normally (false while pending, after an abort, or when the client left).</summary>
    public bool Completed { get; init; }

    /// <summary>For an errors or list page: the number of results written.</summary>
    public int? ResultCount { get; init; }

    /// <summary>For an errors or list page: the <c>paging.next.after</c> cursor written, or <see langword="null"/> on the last page.</summary>
    public string? NextAfter { get; init; }

    /// <summary>When the response ended, or <see langword="null"/> while pending.</summary>
    public DateTimeOffset? Finished { get; init; }

    /// <summary>Whether the client got a complete, valid 200 response (slow or delayed is fine; cut, malformed or empty-by-fault is not).</summary>
    public bool Succeeded => Completed && StatusCode == 200 && (Fault is null || Fault.KeepsResponseIntact);
}
