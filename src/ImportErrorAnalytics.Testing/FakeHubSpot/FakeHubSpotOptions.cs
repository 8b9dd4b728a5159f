using Microsoft.Extensions.Logging;

namespace ImportErrorAnalytics.Testing.FakeHubSpot;

/// <summary>How a <see cref="FakeHubSpotServer"/> behaves. Read once, when the server starts.</summary>
public sealed class FakeHubSpotOptions
{
    /// <summary>The token <see cref="AccessToken"/> has unless set.</summary>
    public const string DefaultAccessToken = "pat-na1-fake0000-0000-4000-8000-000000000001";

    /// <summary>The token <see cref="TokenWithoutScope"/> has unless set.</summary>
    public const string DefaultTokenWithoutScope = "pat-na1-fake0000-0000-4000-8000-000000000403";

    /// <summary>
    /// The private-app token accepted as <c>Authorization: Bearer &lt;token&gt;</c>. Requests without it (or with
    /// another token) get HubSpot's 401 INVALID_AUTHENTICATION.
    /// </summary>
    public string AccessToken { get; set; } = DefaultAccessToken;

    /// <summary>A valid token that lacks the <c>crm.import</c> scope: answered 403 MISSING_SCOPES. <see langword="null"/> for none.</summary>
    public string? TokenWithoutScope { get; set; } = DefaultTokenWithoutScope;

    /// <summary>The imports served (more can be added while running with <see cref="FakeHubSpotServer.AddImport"/>).</summary>
    public IList<FakeImport> Imports { get; } = new List<FakeImport>();

    /// <summary>Errors (or imports) per page when a request has no <c>limit</c>. HubSpot documents none; 100 is its usual.</summary>
    public int DefaultPageSize { get; set; } = 100;

    /// <summary>The largest <c>limit</c> honoured; larger ones are lowered to it (or refused, see <see cref="RejectLimitAboveMaximum"/>).</summary>
    public int MaxPageSize { get; set; } = 1000;

    /// <summary>Answer 400 VALIDATION_ERROR to a <c>limit</c> above <see cref="MaxPageSize"/> instead of lowering it.</summary>
    public bool RejectLimitAboveMaximum { get; set; }

    /// <summary>
    /// When set, the server enforces a burst limit: at most this many admitted requests per rolling 10 s window;
    /// beyond it, 429 TEN_SECONDLY_ROLLING with <c>X-HubSpot-RateLimit-Remaining: 0</c> (refused requests do not
    /// count). When <see langword="null"/>, nothing is refused and the headers report <see cref="ReportedBurstLimit"/>.
    /// </summary>
    public int? BurstLimit { get; set; }

    /// <summary><c>X-HubSpot-RateLimit-Max</c> when <see cref="BurstLimit"/> is not set (190: a Professional private app).</summary>
    public int ReportedBurstLimit { get; set; } = 190;

    /// <summary>Requests admitted per UTC day (by <see cref="TimeProvider"/>) before 429 DAILY; also <c>X-HubSpot-RateLimit-Daily</c>.</summary>
    public long DailyLimit { get; set; } = 1_000_000;

    /// <summary>
    /// How long every request waits before it is answered, as the network and HubSpot's own work make a real call
    /// last (a few hundred milliseconds). The request is logged and counted against the burst limit when it arrives.
    /// </summary>
    /// <value>Defaults to zero.</value>
    public TimeSpan Latency { get; set; }

    /// <summary>The faults the server starts with.</summary>
    public FaultPlan Faults { get; set; } = new();

    /// <summary>The clock for timestamps, the burst window, the daily budget and fault delays.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// Where Kestrel and the server log; nothing is logged when <see langword="null"/>. The server's own lines
    /// (category <c>ImportErrorAnalytics.Testing.FakeHubSpot</c>, Debug) redact token-like query values; ASP.NET Core's
    /// request lines (<c>Microsoft.AspNetCore.Hosting.Diagnostics</c>) show the raw URL. No line shows the
    /// Authorization header.
    /// </summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>Adds an import.</summary>
    /// <param name="import">The import.</param>
    /// <returns>These options.</returns>
    public FakeHubSpotOptions AddImport(FakeImport import)
    {
        ArgumentNullException.ThrowIfNull(import);
        Imports.Add(import);
        return this;
    }

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(AccessToken, nameof(AccessToken));
        if (TokenWithoutScope is not null && string.Equals(TokenWithoutScope, AccessToken, StringComparison.Ordinal))
        {
            throw new ArgumentException("The token without scope must differ from the access token.", nameof(TokenWithoutScope));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(DefaultPageSize, 1, nameof(DefaultPageSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxPageSize, DefaultPageSize, nameof(MaxPageSize));
        if (BurstLimit is { } burst)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(burst, 1, nameof(BurstLimit));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(ReportedBurstLimit, 1, nameof(ReportedBurstLimit));
        ArgumentOutOfRangeException.ThrowIfLessThan(DailyLimit, 1, nameof(DailyLimit));
        ArgumentOutOfRangeException.ThrowIfLessThan(Latency, TimeSpan.Zero, nameof(Latency));
        ArgumentNullException.ThrowIfNull(Faults, nameof(Faults));
        ArgumentNullException.ThrowIfNull(TimeProvider, nameof(TimeProvider));
        var duplicate = Imports.GroupBy(i => i.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Two imports have the id {duplicate.Key}.", nameof(Imports));
        }
    }
}
