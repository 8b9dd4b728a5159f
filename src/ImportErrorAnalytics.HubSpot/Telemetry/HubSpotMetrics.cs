using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Reflection;
using ImportErrorAnalytics.Parsing;
using Polly.Timeout;

namespace ImportErrorAnalytics.HubSpot;

/// <summary>
/// The HubSpot package's meter, instruments and activity source, created once per process (static, as .NET's guidance
/// asks of a library that does not require dependency injection); they hold no state of any request. When nothing
/// listens, each call costs a check of <see cref="Instrument.Enabled"/> or <see cref="ActivitySource.HasListeners"/>.
/// Tags are low-cardinality: a cause from a fixed list, an HTTP status code, a side; never the token, an import id, a
/// cursor or anything read from a response body.
/// </summary>
internal static class HubSpotMetrics
{
    public const string RetriesName = "iea.hubspot.retries";
    public const string RateLimitWaitName = "iea.hubspot.rate_limit.wait.duration";

    public const string CauseTag = "iea.hubspot.retry.cause";
    public const string SideTag = "iea.hubspot.rate_limit.side";
    public const string StatusCodeTag = "http.response.status_code";
    public const string RetriesTag = "iea.hubspot.retries";
    public const string ErrorTypeTag = "error.type";

    /// <summary>The causes of a retry, the values of <see cref="CauseTag"/>.</summary>
    public const string RateLimited = "rate_limited";
    public const string ServerError = "server_error";
    public const string Locked = "locked";
    public const string OtherStatus = "other_status";
    public const string Timeout = "timeout";
    public const string CutBody = "cut_body";
    public const string Connection = "connection";
    public const string Other = "other";

    /// <summary>The sides a rate-limit wait comes from, the values of <see cref="SideTag"/>.</summary>
    public const string Server = "server";
    public const string Client = "client";

    private static readonly string? Version = typeof(HubSpotMetrics).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;

    public static readonly Meter Meter = new(HubSpotTelemetry.MeterName, Version);

    public static readonly ActivitySource Source = new(HubSpotTelemetry.ActivitySourceName, Version);

    public static readonly Counter<long> Retries = Meter.CreateCounter<long>(RetriesName, "{retry}", "Requests to the HubSpot API tried again, by cause.");

    public static readonly Histogram<double> RateLimitWaits = Meter.CreateHistogram<double>(
        RateLimitWaitName, "s", "Waits for HubSpot's rate limit: after a 429 (side server), or for a permit of the client-side limiter that was not free at once (side client).");

    /// <summary>The cause of a retry, from what the failed attempt threw.</summary>
    public static string Cause(Exception exception) => exception switch
    {
        HubSpotTransientException { RateLimited: true } => RateLimited,
        HubSpotTransientException { StatusCode: >= HttpStatusCode.InternalServerError } => ServerError,
        HubSpotTransientException { StatusCode: HttpStatusCode.Locked } => Locked,
        HubSpotTransientException { StatusCode: HttpStatusCode.RequestTimeout } => Timeout,
        HubSpotTransientException => OtherStatus,
        TimeoutRejectedException => Timeout,
        // A body that broke off, could not be decompressed, or ended before its page did.
        IOException or ImportErrorFormatException => CutBody,
        HttpRequestException => Connection,
        _ => Other,
    };

    /// <summary>Counts a retry of a failed attempt, and its wait when HubSpot rate-limited it; notes it on the request's activity.</summary>
    public static void Retried(Exception exception, TimeSpan delay)
    {
        var cause = Cause(exception);
        if (Retries.Enabled)
        {
            if (exception is HubSpotTransientException transient)
            {
                Retries.Add(1, new KeyValuePair<string, object?>(CauseTag, cause), new KeyValuePair<string, object?>(StatusCodeTag, (int)transient.StatusCode));
            }
            else
            {
                Retries.Add(1, new KeyValuePair<string, object?>(CauseTag, cause));
            }
        }

        if (cause == RateLimited)
        {
            Waited(Server, delay);
        }

        if (CurrentRequest() is { } activity)
        {
            activity.AddEvent(new ActivityEvent("iea.hubspot.retry", tags: new ActivityTagsCollection
            {
                [CauseTag] = cause,
                ["iea.hubspot.retry.delay"] = delay.TotalSeconds,
            }));
        }
    }

    /// <summary>Records a wait for the rate limit, from <paramref name="side"/>.</summary>
    public static void Waited(string side, TimeSpan wait)
    {
        if (RateLimitWaits.Enabled)
        {
            RateLimitWaits.Record(wait.TotalSeconds, new KeyValuePair<string, object?>(SideTag, side));
        }
    }

    /// <summary>
    /// Starts the activity of one request to the API, across its retries, when something listens. Its name and tags follow
    /// OpenTelemetry's HTTP client conventions where they fit: the route is a template (<c>{importId}</c>, no query string).
    /// </summary>
    public static Activity? StartRequest(Uri baseAddress, string route)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var template = baseAddress.AbsolutePath.TrimEnd('/') + "/" + route;
        var activity = Source.StartActivity("GET " + template, ActivityKind.Client);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("http.request.method", "GET");
            activity.SetTag("url.template", template);
            activity.SetTag("url.scheme", baseAddress.Scheme);
            activity.SetTag("server.address", baseAddress.Host);
            activity.SetTag("server.port", baseAddress.Port);
        }

        return activity;
    }

    /// <summary>Ends a request's activity: how many retries it took and, on failure, the failure's type (never its message).</summary>
    public static void EndRequest(Activity activity, int retries, Exception? failure, bool cancelled)
    {
        activity.SetTag(RetriesTag, retries);
        if (failure is not null)
        {
            var type = failure is HubSpotApiException api ? api.Failure.ToString() : failure.GetType().FullName;
            activity.SetTag(ErrorTypeTag, cancelled ? typeof(OperationCanceledException).FullName : type);
            activity.SetStatus(ActivityStatusCode.Error, cancelled ? "cancelled" : type);
        }

        activity.Dispose();
    }

    /// <summary>The status code of the latest response of a request, on its activity (the last one it got, once it ends).</summary>
    public static void Responded(HttpStatusCode status) => CurrentRequest()?.SetTag(StatusCodeTag, (int)status);

    private static Activity? CurrentRequest() => Activity.Current is { } current && ReferenceEquals(current.Source, Source) ? current : null;
}
