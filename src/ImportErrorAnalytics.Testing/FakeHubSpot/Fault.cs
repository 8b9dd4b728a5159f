using System.Globalization;

namespace ImportErrorAnalytics.Testing.FakeHubSpot;

/// <summary>A failure the fake server produces on demand. Make one with the static methods.</summary>
public sealed class Fault
{
    private Fault(FaultKind kind, int statusCode)
    {
        Kind = kind;
        StatusCode = statusCode;
    }

    /// <summary>What the fault does.</summary>
    public FaultKind Kind { get; }

    /// <summary>The status it answers with; 200 for faults that corrupt or slow a normal response (whose own status is kept).</summary>
    public int StatusCode { get; }

    /// <summary>The <c>Retry-After</c> header sent (whole seconds, rounded up), or <see langword="null"/> for none.</summary>
    public TimeSpan? RetryAfter { get; private init; }

    /// <summary>For <see cref="FaultKind.Delay"/>: the delay; for <see cref="FaultKind.SlowDrip"/>: the pause between chunks.</summary>
    public TimeSpan Duration { get; private init; }

    /// <summary>For <see cref="FaultKind.SlowDrip"/>: bytes per chunk.</summary>
    public int ChunkSize { get; private init; }

    /// <summary>For <see cref="FaultKind.CutOff"/>: the share of the body sent before the connection is aborted.</summary>
    public double CutFraction { get; private init; }

    /// <summary>For <see cref="FaultKind.MalformedJson"/>: how the body is broken.</summary>
    public MalformedJsonKind Malformed { get; private init; }

    /// <summary>For <see cref="FaultKind.ServerError"/>: whether the body is an HTML gateway page rather than HubSpot's JSON.</summary>
    public bool HtmlBody { get; private init; }

    /// <summary>For <see cref="FaultKind.ReplacedBody"/>: the body sent.</summary>
    public ReadOnlyMemory<byte> Body { get; private init; }

    /// <summary>
    /// Headers sent as given (after the server's own, which they replace), on a fault that answers instead of the
    /// server: e.g. a <c>Retry-After</c> no well-behaved server sends. See <see cref="WithHeader"/>.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; private init; } = [];
    /// <summary>For <see cref="FaultKind.ClientError"/>: the error body's <c>message</c> (and <c>correlationId</c>, if set).</summary>
    public string? Message { get; private init; }

    /// <summary>For <see cref="FaultKind.ClientError"/>: the error body's <c>correlationId</c>; the server's own when <see langword="null"/>.</summary>
    public string? CorrelationId { get; private init; }

    /// <summary>429 TEN_SECONDLY_ROLLING: HubSpot's burst limit.</summary>
    /// <param name="retryAfter">A <c>Retry-After</c> to send (HubSpot sends one only sometimes).</param>
    public static Fault RateLimited(TimeSpan? retryAfter = null) =>
        new(FaultKind.RateLimited, 429) { RetryAfter = CheckRetryAfter(retryAfter) };

    /// <summary>429 DAILY: the account's daily budget is spent; waiting seconds will not help.</summary>
    public static Fault DailyLimit() => new(FaultKind.DailyLimit, 429);

    /// <summary>A server error with an error body.</summary>
    /// <param name="statusCode">500 to 599, e.g. 500, 502, 503, 504, 521-526.</param>
    /// <param name="htmlBody">Send an HTML gateway page instead of HubSpot's JSON error body.</param>
    /// <param name="retryAfter">A <c>Retry-After</c> to send.</param>
    public static Fault ServerError(int statusCode = 500, bool htmlBody = false, TimeSpan? retryAfter = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 500);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 599);
        return new(FaultKind.ServerError, statusCode) { HtmlBody = htmlBody, RetryAfter = CheckRetryAfter(retryAfter) };
    }

    /// <summary>
    /// A refusal HubSpot does not retry: the status with HubSpot's JSON error body whose <c>message</c> is
    /// <paramref name="message"/>, e.g. to see how a client shows a server's words (which may hold anything).
    /// </summary>
    /// <param name="statusCode">400 to 499, but not 423 or 429 (see <see cref="Locked"/> and <see cref="RateLimited"/>).</param>
    /// <param name="message">The body's <c>message</c>.</param>
    /// <param name="correlationId">The body's <c>correlationId</c>; the server's own when <see langword="null"/>.</param>
    public static Fault ClientError(int statusCode, string message, string? correlationId = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 400);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 499);
        if (statusCode is 423 or 429)
        {
            throw new ArgumentOutOfRangeException(nameof(statusCode), statusCode, "423 and 429 have faults of their own.");
        }

        ArgumentNullException.ThrowIfNull(message);
        return new(FaultKind.ClientError, statusCode) { Message = message, CorrelationId = correlationId };
    }

    /// <summary>423 Locked (HubSpot advises waiting at least 2 s).</summary>
    /// <param name="retryAfter">A <c>Retry-After</c> to send.</param>
    public static Fault Locked(TimeSpan? retryAfter = null) => new(FaultKind.Locked, 423) { RetryAfter = CheckRetryAfter(retryAfter) };

    /// <summary>477 Migration In Progress (the account is moving between data centres), with <c>Retry-After</c>.</summary>
    /// <param name="retryAfter">The <c>Retry-After</c> to send; 1 s when <see langword="null"/>.</param>
    public static Fault MigrationInProgress(TimeSpan? retryAfter = null) =>
        new(FaultKind.MigrationInProgress, 477) { RetryAfter = CheckRetryAfter(retryAfter ?? TimeSpan.FromSeconds(1)) };

    /// <summary>The normal response, written <paramref name="chunkSize"/> bytes at a time with a pause between chunks.</summary>
    /// <param name="chunkSize">Bytes per chunk, at least 1.</param>
    /// <param name="interval">The pause between chunks; 10 ms when <see langword="null"/>.</param>
    public static Fault SlowDrip(int chunkSize = 256, TimeSpan? interval = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 1);
        var pause = interval ?? TimeSpan.FromMilliseconds(10);
        ArgumentOutOfRangeException.ThrowIfLessThan(pause, TimeSpan.Zero, nameof(interval));
        return new(FaultKind.SlowDrip, 200) { ChunkSize = chunkSize, Duration = pause };
    }

    /// <summary>
    /// The normal response's status, headers and full <c>Content-Length</c>, but only part of its body: the server
    /// flushes that part and aborts the connection, so the client fails while reading the body.
    /// </summary>
    /// <param name="fraction">The share of the body sent, above 0 and below 1 (at least one byte is sent, never all).</param>
    public static Fault CutOff(double fraction = 0.5)
    {
        if (!(fraction > 0 && fraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "The fraction is above 0 and below 1.");
        }

        return new(FaultKind.CutOff, 200) { CutFraction = fraction };
    }

    /// <summary>Status 200 with a broken body.</summary>
    /// <param name="kind">How the body is broken.</param>
    public static Fault MalformedJson(MalformedJsonKind kind = MalformedJsonKind.Truncated)
    {
        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown kind.");
        }

        return new(FaultKind.MalformedJson, 200) { Malformed = kind };
    }

    /// <summary>The normal response after <paramref name="duration"/> (measured by the server's <see cref="TimeProvider"/>).</summary>
    /// <param name="duration">The delay, e.g. longer than the client's timeout.</param>
    public static Fault Delay(TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
        return new(FaultKind.Delay, 200) { Duration = duration };
    }

    /// <summary>No answer until the client disconnects or the server stops.</summary>
    public static Fault Hang() => new(FaultKind.Hang, 0) { Duration = Timeout.InfiniteTimeSpan };

    /// <summary>On the errors endpoint: 200 with empty <c>results</c> and a new cursor to the same position. Elsewhere: no effect.</summary>
    public static Fault EmptyPage() => new(FaultKind.EmptyPage, 200);

    /// <summary>
    /// On an errors or list page: the page, with <c>paging.next.after</c> set to the cursor the request was made with
    /// (on the first page, a new cursor to the first page), so a client that follows it reads the same page again.
    /// </summary>
    public static Fault RepeatedCursor() => new(FaultKind.RepeatedCursor, 200);

    /// <summary>On an errors or list page: the page, with <c>paging.next.after</c> set to <c>""</c> (also on the last page).</summary>
    public static Fault EmptyCursor() => new(FaultKind.EmptyCursor, 200);

    /// <summary>Answers with <paramref name="body"/> (as <c>application/json</c>) instead of the normal response, before any check.</summary>
    /// <param name="body">The body, e.g. JSON of a shape the API does not document.</param>
    /// <param name="statusCode">The status; 200 unless given.</param>
    public static Fault ReplacedBody(string body, int statusCode = 200)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 100);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 599);
        return new(FaultKind.ReplacedBody, statusCode) { Body = System.Text.Encoding.UTF8.GetBytes(body) };
    }

    /// <summary>The normal response, its body compressed with gzip and sent with <c>Content-Encoding: gzip</c> (chunked).</summary>
    public static Fault Gzip() => new(FaultKind.Gzip, 200);

    /// <summary>
    /// This fault, also sending header <paramref name="name"/> with <paramref name="value"/> exactly as given (replacing
    /// the server's own, e.g. <c>Retry-After</c> or <c>X-HubSpot-RateLimit-Interval-Milliseconds</c>). Only faults
    /// that answer instead of the server send headers.
    /// </summary>
    /// <param name="name">The header name.</param>
    /// <param name="value">The value, unchecked: garbage, negative, enormous or a date are all sent.</param>
    public Fault WithHeader(string name, string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(value);
        return new(Kind, StatusCode)
        {
            RetryAfter = RetryAfter,
            Duration = Duration,
            ChunkSize = ChunkSize,
            CutFraction = CutFraction,
            Malformed = Malformed,
            HtmlBody = HtmlBody,
            Body = Body,
            Rewrite = Rewrite,
            Headers = [.. Headers, new KeyValuePair<string, string>(name, value)],
        };
    }

    /// <summary>
    /// The normal response with its body passed through <paramref name="rewrite"/> and <paramref name="headers"/> set on
    /// it: valid JSON of the wrong shape, another encoding than the headers claim, whatever a broken server or proxy
    /// could send. The status stays the normal one's.
    /// </summary>
    /// <param name="rewrite">Turns the normal body into the one sent.</param>
    /// <param name="headers">Headers set on the response (replacing any of the same name), e.g. <c>Content-Encoding</c>.</param>
    public static Fault RewriteBody(Func<byte[], byte[]> rewrite, IReadOnlyDictionary<string, string>? headers = null)
    {
        ArgumentNullException.ThrowIfNull(rewrite);
        return new(FaultKind.RewrittenBody, 200) { Rewrite = rewrite, Headers = [.. headers ?? new Dictionary<string, string>()] };
    }

    /// <summary>
    /// Answers <paramref name="statusCode"/> with <paramref name="body"/> and <paramref name="headers"/> instead of the
    /// normal response (after the rate-limit headers HubSpot always sends, which <paramref name="headers"/> may replace).
    /// </summary>
    /// <param name="statusCode">Any status from 200 to 599.</param>
    /// <param name="body">The body, sent as is.</param>
    /// <param name="headers">Headers set on the response, e.g. <c>Retry-After</c> or <c>Content-Type</c>.</param>
    public static Fault Respond(int statusCode, byte[] body, IReadOnlyDictionary<string, string>? headers = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 200);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 599);
        ArgumentNullException.ThrowIfNull(body);
        return new(FaultKind.CustomResponse, statusCode) { Body = body, Headers = [.. headers ?? new Dictionary<string, string>()] };
    }

    /// <summary>For <see cref="FaultKind.RewrittenBody"/>: turns the normal body into the one sent.</summary>
    public Func<byte[], byte[]>? Rewrite { get; private init; }

    /// <summary>Whether the fault answers instead of the server (rather than changing the normal answer).</summary>
    internal bool ReplacesResponse => Kind is FaultKind.RateLimited or FaultKind.DailyLimit or FaultKind.ServerError
        or FaultKind.Locked or FaultKind.MigrationInProgress or FaultKind.CustomResponse or FaultKind.ReplacedBody or FaultKind.ClientError;

    /// <summary>Whether the fault rewrites the normal response's body.</summary>
    internal bool RewritesBody => Kind is FaultKind.SlowDrip or FaultKind.CutOff or FaultKind.MalformedJson or FaultKind.RewrittenBody or FaultKind.Gzip;

    /// <summary>Whether a response with this fault still delivers the full, valid normal response.</summary>
    internal bool KeepsResponseIntact => Kind is FaultKind.SlowDrip or FaultKind.Delay or FaultKind.Gzip;

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        FaultKind.RateLimited => "429 TEN_SECONDLY_ROLLING" + RetryAfterText(),
        FaultKind.DailyLimit => "429 DAILY",
        FaultKind.ServerError => StatusCode.ToString(CultureInfo.InvariantCulture) + (HtmlBody ? " (HTML)" : "") + RetryAfterText(),
        FaultKind.Locked => "423 Locked" + RetryAfterText(),
        FaultKind.MigrationInProgress => "477 Migration In Progress" + RetryAfterText(),
        FaultKind.SlowDrip => string.Create(CultureInfo.InvariantCulture, $"slow drip {ChunkSize} B / {Duration.TotalMilliseconds} ms"),
        FaultKind.CutOff => string.Create(CultureInfo.InvariantCulture, $"cut off after {CutFraction:P0}"),
        FaultKind.MalformedJson => "malformed JSON (" + Malformed + ")",
        FaultKind.Delay => string.Create(CultureInfo.InvariantCulture, $"delay {Duration.TotalMilliseconds} ms"),
        FaultKind.Hang => "hang",
        FaultKind.EmptyPage => "empty page",
        FaultKind.RewrittenBody => "rewritten body",
        FaultKind.CustomResponse => string.Create(CultureInfo.InvariantCulture, $"{StatusCode} with a {Body.Length} B body"),
        FaultKind.RepeatedCursor => "repeated cursor",
        FaultKind.EmptyCursor => "empty cursor",
        FaultKind.ReplacedBody => string.Create(CultureInfo.InvariantCulture, $"{StatusCode} with a body of {Body.Length} bytes"),
        FaultKind.Gzip => "gzip",
        FaultKind.ClientError => StatusCode.ToString(CultureInfo.InvariantCulture) + " with a chosen message",
        _ => Kind.ToString(),
    } + string.Concat(Headers.Select(h => $", {h.Key}: {h.Value}"));

    private string RetryAfterText() =>
        RetryAfter is { } wait ? string.Create(CultureInfo.InvariantCulture, $", Retry-After {RetryAfterSeconds(wait)}") : "";

    internal static long RetryAfterSeconds(TimeSpan wait) => (long)Math.Ceiling(wait.TotalSeconds);

    private static TimeSpan? CheckRetryAfter(TimeSpan? retryAfter)
    {
        if (retryAfter is { } wait)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(wait, TimeSpan.Zero, nameof(retryAfter));
        }

        return retryAfter;
    }
}
