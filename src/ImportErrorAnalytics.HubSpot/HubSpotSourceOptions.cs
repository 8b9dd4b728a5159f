using ImportErrorAnalytics.Model;
using System.Threading.RateLimiting;

namespace ImportErrorAnalytics.HubSpot;

/// <summary>Where and how to read an import's errors from HubSpot. Validated when the analyzer is built.</summary>
public sealed class HubSpotSourceOptions
{
    /// <summary>
    /// The import's id: digits only, 1 to <see cref="long.MaxValue"/>, leading zeros allowed (see
    /// <see cref="HubSpotImportIds"/>). The analyzer reads, reports and checkpoints it by its canonical spelling
    /// (<c>"0042"</c> is import <c>42</c>).
    /// </summary>
    public string ImportId { get; set; } = "";

    /// <summary>The API's base address.</summary>
    /// <value>Defaults to <c>https://api.hubapi.com</c>.</value>
    public Uri BaseAddress { get; set; } = new("https://api.hubapi.com");

    /// <summary>Which path of the Imports API to call.</summary>
    public HubSpotApiVersion ApiVersion { get; set; } = HubSpotApiVersion.V2026March;

    /// <summary>Errors per page (<c>limit</c>); HubSpot's default when <see langword="null"/>.</summary>
    public int? Limit { get; set; }

    /// <summary>Asks for <c>errorMessage</c> (<c>includeErrorMessage</c>).</summary>
    public bool IncludeErrorMessage { get; set; }

    /// <summary>Asks for <c>rowData</c> (<c>includeRowData</c>). Row data is never copied into a report.</summary>
    public bool IncludeRowData { get; set; }

    /// <summary>The token. When <see langword="null"/>, read from <c>HUBSPOT_ACCESS_TOKEN</c> at build time.</summary>
    public HubSpotAccessToken? AccessToken { get; set; }

    /// <summary>Requests allowed per rolling 10 seconds (the app's burst budget).</summary>
    /// <value>Defaults to 100 (private apps on Free and Starter).</value>
    public int RequestsPerTenSeconds { get; set; } = 100;

    /// <summary>
    /// A limiter shared with other runs, owned by the caller. When <see langword="null"/>, the imports of one analyzer
    /// with the same base address, token and budget share one the analyzer owns (disposed with it); analyzers from one
    /// DI container (<c>AddImportErrorAnalytics</c>) share the container's.
    /// </summary>
    public RateLimiter? RateLimiter { get; set; }

    /// <summary>
    /// The longest total time to wait between the tries of one request (a page, the import, a page of the list):
    /// every wait counts, for ten-secondly rate limits (429, which only this bounds) and for all other retries (also
    /// bounded by <see cref="MaxRetries"/>), whether HubSpot named it in a header or the backoff chose it.
    /// </summary>
    /// <value>Defaults to 15 minutes.</value>
    public TimeSpan MaxRateLimitWait { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// The longest single wait taken from a response header (<c>Retry-After</c> in seconds or as a date,
    /// <c>X-HubSpot-RateLimit-Interval-Milliseconds</c>), whatever the status (429, 423, 477, 5xx); a longer one is
    /// cut to it (and the retry's log line says so). Values that are not a wait are ignored.
    /// </summary>
    /// <value>Defaults to 60 seconds (HubSpot's burst window is 10 s; its generated SDKs honour at most 60 s).</value>
    public TimeSpan MaxServerWait { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Retries of one page after other transient failures (5xx, 423, 477, timeouts, resets, cut bodies).</summary>
    /// <value>Defaults to 8.</value>
    public int MaxRetries { get; set; } = 8;

    /// <summary>The first backoff delay (exponential, with jitter) when HubSpot names none.</summary>
    /// <value>Defaults to 500 ms.</value>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Time allowed for one attempt (request and body).</summary>
    /// <value>Defaults to 60 seconds.</value>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Pages of the list of imports read at most (tests lower it).</summary>
    internal int MaxImportListPages { get; set; } = HubSpotJsonBody.MaxImportListPages;

    /// <summary>Checks every option and puts <see cref="ImportId"/> in its canonical spelling.</summary>
    /// <exception cref="ArgumentException">An option is out of range, or <see cref="ImportId"/> is not an import id (the message quotes it).</exception>
    internal void Validate()
    {
        ImportId = HubSpotImportIds.Canonicalize(ImportId, nameof(ImportId));
        ValidateConnection();
    }

    /// <summary>Checks everything but the import id (what listing imports needs).</summary>
    internal void ValidateConnection()
    {
        ArgumentNullException.ThrowIfNull(BaseAddress, nameof(BaseAddress));
        if (Limit is { } limit)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1, nameof(Limit));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(RequestsPerTenSeconds, 1, nameof(RequestsPerTenSeconds));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRetries, 0, nameof(MaxRetries));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(AttemptTimeout, TimeSpan.Zero, nameof(AttemptTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxServerWait, TimeSpan.Zero, nameof(MaxServerWait));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxServerWait, TimeSpan.FromHours(1), nameof(MaxServerWait));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRateLimitWait, TimeSpan.Zero, nameof(MaxRateLimitWait));
        ArgumentOutOfRangeException.ThrowIfLessThan(BaseDelay, TimeSpan.Zero, nameof(BaseDelay));
    }

    /// <summary>A copy of these options for another import: same address, token, limits and shared limiter.</summary>
    internal HubSpotSourceOptions CopyFor(string importId) => new()
    {
        ImportId = importId,
        BaseAddress = BaseAddress,
        ApiVersion = ApiVersion,
        Limit = Limit,
        IncludeErrorMessage = IncludeErrorMessage,
        IncludeRowData = IncludeRowData,
        AccessToken = AccessToken,
        RequestsPerTenSeconds = RequestsPerTenSeconds,
        RateLimiter = RateLimiter,
        MaxRateLimitWait = MaxRateLimitWait,
        MaxServerWait = MaxServerWait,
        MaxImportListPages = MaxImportListPages,
        MaxRetries = MaxRetries,
        BaseDelay = BaseDelay,
        AttemptTimeout = AttemptTimeout,
    };
}
