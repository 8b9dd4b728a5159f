using System.Globalization;
using System.IO.Compression;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace ImportErrorAnalytics.Testing.FakeHubSpot;

/// <summary>Carries out faults: the answers that replace a response, and the rewrites of a normal response's body.</summary>
internal static class FaultResponses
{
    private static readonly TimeSpan CutOffSettle = TimeSpan.FromMilliseconds(100);

    private static readonly byte[] HtmlPage = Encoding.UTF8.GetBytes(
        "<!DOCTYPE html>\n<html><head><title>Attention Required</title></head><body><h1>Please wait while we check your connection</h1></body></html>\n");

    /// <summary>Writes the status, rate-limit headers and body of a fault that replaces the response.</summary>
    public static Task WriteAsync(HttpContext context, Fault fault, RateLimitSnapshot limits, string correlationId)
    {
        limits = fault.Kind switch
        {
            FaultKind.RateLimited => limits with { Remaining = 0 },
            FaultKind.DailyLimit => limits with { DailyRemaining = 0 },
            _ => limits,
        };
        SetRateLimitHeaders(context.Response, limits);
        if (fault.RetryAfter is { } wait)
        {
            context.Response.Headers.RetryAfter = Fault.RetryAfterSeconds(wait).ToString(CultureInfo.InvariantCulture);
        }

        foreach (var (name, value) in fault.Headers)
        {
            context.Response.Headers[name] = value;
        }

        return fault.Kind switch
        {
            FaultKind.RateLimited => HubSpotJson.WriteRateLimitAsync(context, "TEN_SECONDLY_ROLLING", correlationId),
            FaultKind.DailyLimit => HubSpotJson.WriteRateLimitAsync(context, "DAILY", correlationId),
            FaultKind.ServerError when fault.HtmlBody => HubSpotJson.WriteHtmlAsync(context, fault.StatusCode),
            FaultKind.ServerError => HubSpotJson.WriteErrorAsync(context, fault.StatusCode, ServerErrorMessage(fault.StatusCode), ServerErrorCategory(fault.StatusCode), correlationId),
            FaultKind.Locked => HubSpotJson.WriteErrorAsync(
                context, StatusCodes.Status423Locked, "The resource is locked by another operation. Try again in a few seconds.", "LOCKED", correlationId),
            FaultKind.ClientError => HubSpotJson.WriteErrorAsync(context, fault.StatusCode, fault.Message!, "VALIDATION_ERROR", fault.CorrelationId ?? correlationId),
            FaultKind.MigrationInProgress => HubSpotJson.WriteErrorAsync(
                context, 477, "This account is being migrated between data hosting locations. Try again after the Retry-After delay.", "MIGRATION_IN_PROGRESS", correlationId),
            FaultKind.ReplacedBody or FaultKind.CustomResponse => WriteBodyAsync(context, fault),
            _ => throw new InvalidOperationException($"{fault} does not replace a response."),
        };
    }

    /// <summary>
    /// Runs <paramref name="serve"/> into a buffer, then sends its bytes as <paramref name="fault"/> says. Only the
    /// cut-off announces a length (so the client knows it was cut); the others are chunked, like normal responses.
    /// </summary>
    public static async Task ServeRewrittenAsync(
        HttpContext context, Fault fault, Func<Task> serve, RequestOutcome outcome, TimeProvider time, CancellationToken ct)
    {
        var original = context.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
        using var buffer = new MemoryStream();
        var buffered = new StreamResponseBodyFeature(buffer);
        context.Features.Set<IHttpResponseBodyFeature>(buffered);
        try
        {
            await serve().ConfigureAwait(false);
            await buffered.CompleteAsync().ConfigureAwait(false);
        }
        finally
        {
            context.Features.Set(original);
        }

        var bytes = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        var response = context.Response;
        switch (fault.Kind)
        {
            case FaultKind.SlowDrip:
                response.ContentLength = null;
                for (var offset = 0; offset < bytes.Length; offset += fault.ChunkSize)
                {
                    if (offset > 0)
                    {
                        await Task.Delay(fault.Duration, time, ct).ConfigureAwait(false);
                    }

                    await response.Body.WriteAsync(bytes.Slice(offset, Math.Min(fault.ChunkSize, bytes.Length - offset)), ct).ConfigureAwait(false);
                    await response.Body.FlushAsync(ct).ConfigureAwait(false);
                }

                break;

            case FaultKind.CutOff:
                // The full length is announced and only part sent, so the client cannot mistake the rest for the end.
                response.ContentLength = bytes.Length;
                var sent = bytes.Length < 2 ? 0 : Math.Clamp((int)(bytes.Length * fault.CutFraction), 1, bytes.Length - 1);
                await response.Body.WriteAsync(bytes[..sent], ct).ConfigureAwait(false);
                await response.Body.FlushAsync(ct).ConfigureAwait(false);

                // Kestrel's abort resets the connection, and a reset can overtake bytes the client has not read yet:
                // give the headers and the partial body a moment (real time, it is the network) to reach the client.
                await Task.Delay(CutOffSettle, ct).ConfigureAwait(false);
                context.Abort();
                outcome.Aborted = true;
                break;

            case FaultKind.RewrittenBody:
                var rewritten = fault.Rewrite!(bytes.ToArray());
                response.ContentLength = null;
                SetHeaders(response, fault.Headers);
                await response.Body.WriteAsync(rewritten, ct).ConfigureAwait(false);
                break;

            case FaultKind.Gzip:
                response.ContentLength = null;
                response.Headers.ContentEncoding = "gzip";
                await response.Body.WriteAsync(Compress(bytes), ct).ConfigureAwait(false);
                break;

            case FaultKind.MalformedJson:
                var broken = Break(bytes, fault.Malformed);
                response.StatusCode = StatusCodes.Status200OK;
                response.ContentType = HubSpotJson.ContentType;
                response.ContentLength = null;
                await response.Body.WriteAsync(broken, ct).ConfigureAwait(false);
                break;

            default:
                throw new InvalidOperationException($"{fault} does not rewrite a body.");
        }
    }

    private static void SetHeaders(HttpResponse response, IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        foreach (var (name, value) in headers)
        {
            response.Headers[name] = value;
        }
    }

    private static ReadOnlyMemory<byte> Compress(ReadOnlyMemory<byte> bytes)
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(bytes.Span);
        }

        return compressed.ToArray();
    }

    private static async Task WriteBodyAsync(HttpContext context, Fault fault)
    {
        context.Response.StatusCode = fault.StatusCode;
        context.Response.ContentType = HubSpotJson.ContentType;
        await context.Response.Body.WriteAsync(fault.Body).ConfigureAwait(false);
    }

    /// <summary>The five rate-limit headers HubSpot sends on every response.</summary>
    public static void SetRateLimitHeaders(HttpResponse response, RateLimitSnapshot limits)
    {
        var headers = response.Headers;
        headers["X-HubSpot-RateLimit-Max"] = limits.Max.ToString(CultureInfo.InvariantCulture);
        headers["X-HubSpot-RateLimit-Remaining"] = limits.Remaining.ToString(CultureInfo.InvariantCulture);
        headers["X-HubSpot-RateLimit-Interval-Milliseconds"] = ((long)RateLimits.Window.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        headers["X-HubSpot-RateLimit-Daily"] = limits.Daily.ToString(CultureInfo.InvariantCulture);
        headers["X-HubSpot-RateLimit-Daily-Remaining"] = limits.DailyRemaining.ToString(CultureInfo.InvariantCulture);
    }

    private static ReadOnlyMemory<byte> Break(ReadOnlyMemory<byte> body, MalformedJsonKind kind)
    {
        switch (kind)
        {
            case MalformedJsonKind.Truncated:
                return body[..(body.Length / 2)];

            case MalformedJsonKind.Corrupted:
                var copy = body.ToArray();
                if (copy.Length > 0)
                {
                    // A raw control character is invalid JSON everywhere: outside strings and inside them.
                    copy[copy.Length / 2] = 0x01;
                }

                return copy;

            default:
                return HtmlPage;
        }
    }

    private static string ServerErrorMessage(int status) => status switch
    {
        500 => "An internal error occurred.",
        502 => "Bad gateway: the upstream service did not answer properly.",
        503 => "The service is temporarily unavailable. Try again later.",
        504 => "Gateway timeout: the upstream service did not answer in time.",
        _ => $"Server error {status.ToString(CultureInfo.InvariantCulture)}.",
    };

    private static string ServerErrorCategory(int status) => status switch
    {
        502 => "BAD_GATEWAY",
        503 => "SERVICE_UNAVAILABLE",
        504 => "GATEWAY_TIMEOUT",
        _ => "INTERNAL_ERROR",
    };
}
