using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ImportErrorAnalytics.Testing.FakeHubSpot;

/// <summary>
/// Every request, in order: number it and pick its fault (as a gateway in front of HubSpot would fail, before any
/// check), authenticate (401/403), apply the burst and daily limits (429), then serve, possibly rewritten by the fault.
/// </summary>
internal sealed class RequestPipeline(
    FakeHubSpotOptions options, ImportEndpoints endpoints, FaultInjector faults, RateLimits limits, RequestLog log, ILogger logger, CancellationToken stopping)
{
    private static readonly string[] SecretQueryParameters = ["hapikey", "access_token", "token"];

    private readonly string _accessToken = options.AccessToken;
    private readonly string? _tokenWithoutScope = options.TokenWithoutScope;
    private readonly TimeProvider _time = options.TimeProvider;
    private readonly Lock _arrival = new();

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var route = RequestRoute.Parse(request.Method, request.Path.Value ?? "");
        var now = _time.GetUtcNow();
        Fault? fault;
        int index;
        long number;
        lock (_arrival)
        {
            // One lock for both, so FaultTarget.AnyRequest numbers match the log's.
            fault = faults.Next(route.Endpoint);
            index = log.Begin(
                new RequestLogEntry
                {
                    Number = 0,
                    Timestamp = now,
                    Method = request.Method,
                    Path = request.Path.Value ?? "",
                    Query = Redact(request.QueryString.Value),
                    Endpoint = route.Endpoint,
                    ImportId = route.ImportId,
                    After = route.Endpoint != FakeHubSpotEndpoint.Unknown && request.Query.TryGetValue("after", out var after) && after.ToString().Length > 0 ? after.ToString() : null,
                    Fault = fault,
                },
                out number);
        }

        var correlationId = Guid.NewGuid().ToString();
        context.Response.Headers["X-HubSpot-Correlation-Id"] = correlationId;
        var outcome = new RequestOutcome();
        var served = (Fault: fault, Refused: false);
        var completed = false;
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        try
        {
            served = await ServeAsync(context, route, fault, outcome, correlationId, now, cancel.Token).ConfigureAwait(false);
            completed = !outcome.Aborted;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            // The client left or the server is stopping: send nothing more (returning would send an empty 200).
            context.Abort();
        }
#pragma warning disable CA1031 // A fault in the fake must reach the test as a 500, as it would from HubSpot, not kill the connection silently.
        catch (Exception e) when (!context.Response.HasStarted)
#pragma warning restore CA1031
        {
            FakeHubSpotLog.Failed(logger, e, number, request.Path.Value ?? "");
            context.Response.Clear();
            context.Response.Headers["X-HubSpot-Correlation-Id"] = correlationId;
            FaultResponses.SetRateLimitHeaders(context.Response, limits.Peek(_time.GetUtcNow()));
            await HubSpotJson.WriteErrorAsync(context, StatusCodes.Status500InternalServerError, "The fake server failed: " + e.Message, "INTERNAL_ERROR", correlationId)
                .ConfigureAwait(false);
            completed = true;
        }
        finally
        {
            var status = context.Response.HasStarted || completed ? context.Response.StatusCode : 0;
            var finished = _time.GetUtcNow();
            log.Update(index, e => e with
            {
                StatusCode = status,
                Completed = completed,
                ResultCount = outcome.ResultCount,
                NextAfter = outcome.NextAfter,
                Finished = finished,
                Fault = served.Fault,
                RefusedByRateLimit = served.Refused,
            });
            if (logger.IsEnabled(LogLevel.Debug))
            {
                var entry = log.Get(index);
                var faultText = served.Fault?.ToString() ?? "";
                FakeHubSpotLog.Request(logger, number, entry.Method, entry.Path, entry.Query, status, faultText);
            }
        }
    }

    private async Task<(Fault? Fault, bool Refused)> ServeAsync(
        HttpContext context, RequestRoute route, Fault? fault, RequestOutcome outcome, string correlationId, DateTimeOffset now, CancellationToken ct)
    {
        if (options.Latency > TimeSpan.Zero)
        {
            await Task.Delay(options.Latency, _time, ct).ConfigureAwait(false);
        }

        if (fault is { Kind: FaultKind.Hang or FaultKind.Delay })
        {
            await Task.Delay(fault.Duration, _time, ct).ConfigureAwait(false);
            now = _time.GetUtcNow();
        }

        if (fault is { ReplacesResponse: true })
        {
            await FaultResponses.WriteAsync(context, fault, limits.Peek(now), correlationId).ConfigureAwait(false);
            return (fault, false);
        }

        var token = BearerToken(context.Request);
        if (token is null || (!string.Equals(token, _accessToken, StringComparison.Ordinal) && !string.Equals(token, _tokenWithoutScope, StringComparison.Ordinal)))
        {
            FaultResponses.SetRateLimitHeaders(context.Response, limits.Peek(now));
            await HubSpotJson.WriteErrorAsync(context, StatusCodes.Status401Unauthorized, HubSpotJson.MissingCredentialsMessage, "INVALID_AUTHENTICATION", correlationId)
                .ConfigureAwait(false);
            return (fault, false);
        }

        if (!string.Equals(token, _accessToken, StringComparison.Ordinal))
        {
            FaultResponses.SetRateLimitHeaders(context.Response, limits.Peek(now));
            await HubSpotJson.WriteMissingScopesAsync(context, correlationId).ConfigureAwait(false);
            return (fault, false);
        }

        var (refusedBy, snapshot) = limits.TryAcquire(now);
        if (refusedBy is not null)
        {
            var refusal = refusedBy == "DAILY" ? Fault.DailyLimit() : Fault.RateLimited();
            await FaultResponses.WriteAsync(context, refusal, snapshot, correlationId).ConfigureAwait(false);
            return (refusal, true);
        }

        FaultResponses.SetRateLimitHeaders(context.Response, snapshot);
        if (fault is { RewritesBody: true })
        {
            await FaultResponses.ServeRewrittenAsync(
                context, fault, () => endpoints.ServeAsync(context, route, outcome, fault, correlationId, ct), outcome, _time, ct).ConfigureAwait(false);
        }
        else
        {
            await endpoints.ServeAsync(context, route, outcome, fault, correlationId, ct).ConfigureAwait(false);
        }

        return (fault, false);
    }

    private static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string Scheme = "Bearer ";
        return header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) && header.Length > Scheme.Length
            ? header[Scheme.Length..].Trim()
            : null;
    }

    private static string Redact(string? query)
    {
        if (string.IsNullOrEmpty(query))
        {
            return "";
        }

        var builder = new StringBuilder(query.Length);
        foreach (var part in query.TrimStart('?').Split('&'))
        {
            builder.Append(builder.Length == 0 ? '?' : '&');
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? part : part[..equals];
            var secret = SecretQueryParameters.Contains(Uri.UnescapeDataString(name), StringComparer.OrdinalIgnoreCase);
            builder.Append(secret ? name + "=REDACTED" : part);
        }

        return builder.ToString();
    }
}
