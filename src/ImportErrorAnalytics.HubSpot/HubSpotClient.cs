using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ImportErrorAnalytics.Escaping;

namespace ImportErrorAnalytics.HubSpot;

/// <summary>
/// Sends requests to the Imports API with the bearer token and turns failing responses into
/// <see cref="HubSpotTransientException"/> (worth retrying) or <see cref="HubSpotApiException"/> (not).
/// </summary>
internal sealed class HubSpotClient(HttpClient http, HubSpotSourceOptions options, HubSpotAccessToken token, TimeProvider time)
{
    private const int MaxErrorBodyBytes = 64 * 1024;

    private string ImportsPath => options.ApiVersion == HubSpotApiVersion.V3 ? "crm/v3/imports" : "crm/imports/2026-03";

    /// <summary>The route of the list of imports, as traces name it.</summary>
    public string ImportsRoute => ImportsPath;

    /// <summary>The route of an import's description, as traces name it (the id as a placeholder: it holds no data).</summary>
    public string ImportRoute => ImportsPath + "/{importId}";

    /// <summary>The route of a page of an import's errors, as traces name it (no query string: a cursor is data).</summary>
    public string ErrorsRoute => ImportsPath + "/{importId}/errors";

    public string ImportPath => $"{ImportsPath}/{Uri.EscapeDataString(options.ImportId)}";

    /// <summary>A page of the account's imports (<c>GET /crm/imports/2026-03</c>).</summary>
    public Uri ImportsUri(string? after) =>
        new(BaseAddress(), after is null ? ImportsPath : $"{ImportsPath}?after={Uri.EscapeDataString(after)}");

    /// <summary>The URL of a page of errors, as named in messages (it holds no secret).</summary>
    public Uri ErrorsUri(string? after)
    {
        var query = new StringBuilder("?");
        if (options.Limit is { } limit)
        {
            query.Append(CultureInfo.InvariantCulture, $"limit={limit}&");
        }

        if (options.IncludeErrorMessage)
        {
            query.Append("includeErrorMessage=true&");
        }

        if (options.IncludeRowData)
        {
            query.Append("includeRowData=true&");
        }

        if (after is not null)
        {
            query.Append("after=").Append(Uri.EscapeDataString(after)).Append('&');
        }

        return new Uri(BaseAddress(), ImportPath + "/errors" + query.ToString().TrimEnd('&', '?'));
    }

    public Uri ImportUri() => new(BaseAddress(), ImportPath);

    /// <summary>Sends a GET and returns the response once its headers arrived and its status is a success.</summary>
    public async Task<HttpResponseMessage> GetAsync(Uri uri, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        HubSpotMetrics.Responded(response.StatusCode);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw await FailureAsync(response, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The body of a successful response, whose decoding failures are <see cref="IOException"/>s (see <see cref="HubSpotBodyStream"/>).</summary>
    public static async Task<Stream> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        new HubSpotBodyStream(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false));

    private Uri BaseAddress()
    {
        var text = options.BaseAddress.ToString();
        return text.EndsWith('/') ? options.BaseAddress : new Uri(text + "/");
    }

    private async Task<Exception> FailureAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await ReadErrorBodyAsync(response, cancellationToken).ConfigureAwait(false);
        var status = response.StatusCode;
        var code = (int)status;
        var message = body.Message is null ? "" : $" HubSpot says: {UntrustedText.Quote(body.Message)}";
        var correlation = body.CorrelationId is null ? "" : $" (correlationId {UntrustedText.Quote(body.CorrelationId)})";
        var reason = UntrustedText.OneLine(response.ReasonPhrase);
        switch (code)
        {
            case 429 when string.Equals(body.PolicyName, "DAILY", StringComparison.OrdinalIgnoreCase):
                var resets = new DateTimeOffset(time.GetUtcNow().UtcDateTime.Date.AddDays(1), TimeSpan.Zero);
                return new HubSpotApiException(
                    HubSpotFailure.DailyLimit,
                    status,
                    $"HubSpot's daily API limit for this account is spent; waiting will not help today. It resets at midnight in the account's time zone (around {resets:yyyy-MM-dd HH:mm} UTC).{message}{correlation}")
                { CorrelationId = body.CorrelationId, ResetsAt = resets };
            case 429:
                return Transient(status, rateLimited: true, RetryAfter(response) ?? ServerWait.Interval(response, options.MaxServerWait), null, $"429 rate limited ({(body.PolicyName is null ? "no policy named" : UntrustedText.Quote(body.PolicyName))})");
            case 423:
                return Transient(status, false, RetryAfter(response), TimeSpan.FromSeconds(2), "423 locked");
            case 477 or 408:
                return Transient(status, false, RetryAfter(response), null, $"{code} {reason}");
            case >= 500 and < 600:
                return Transient(status, false, RetryAfter(response), null, $"{code} {reason}");
            case 401:
                return new HubSpotApiException(HubSpotFailure.Unauthorized, status, $"HubSpot refused the access token (401): it is missing, invalid or expired.{message}{correlation}") { CorrelationId = body.CorrelationId };
            case 403:
                return new HubSpotApiException(HubSpotFailure.Forbidden, status, $"The access token lacks permission (403): the private app needs the scope crm.import.{message}{correlation}") { CorrelationId = body.CorrelationId };
            case 404:
                return new HubSpotApiException(HubSpotFailure.NotFound, status, (options.ImportId.Length == 0 ? "HubSpot does not serve the list of imports at this address (404)." : $"HubSpot has no import {UntrustedText.Quote(options.ImportId)} for this account (404).") + message + correlation) { CorrelationId = body.CorrelationId };
            default:
                return new HubSpotApiException(HubSpotFailure.BadRequest, status, $"HubSpot refused the request ({code} {reason}).{message}{correlation}") { CorrelationId = body.CorrelationId };
        }
    }

    /// <summary>
    /// A response worth retrying, with the wait its headers ask for (never above
    /// <see cref="HubSpotSourceOptions.MaxServerWait"/>) and at least <paramref name="minimum"/>.
    /// </summary>
    private static HubSpotTransientException Transient(HttpStatusCode status, bool rateLimited, ServerWait? asked, TimeSpan? minimum, string what)
    {
        var wait = asked?.Wait;
        if (minimum is { } least && !(wait > least))
        {
            wait = least;
        }

        var note = asked?.Note is { } cut ? $" ({cut})" : "";
        return new HubSpotTransientException(status, rateLimited, wait, what + note + ".");
    }

    private ServerWait? RetryAfter(HttpResponseMessage response) => ServerWait.RetryAfter(response, time.GetUtcNow(), options.MaxServerWait);

    private static async Task<ErrorBody> ReadErrorBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var stream = await ReadBodyAsync(response, cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                var buffer = new byte[MaxErrorBodyBytes];
                var length = 0;
                int read;
                while (length < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false)) > 0)
                {
                    length += read;
                }

                using var json = JsonDocument.Parse(buffer.AsMemory(0, length));
                var root = json.RootElement;
                return new ErrorBody(Text(root, "message"), Text(root, "correlationId"), Text(root, "policyName"));
            }
        }
        catch (Exception ex) when (ex is JsonException or IOException or HttpRequestException or InvalidOperationException)
        {
            // The status decides what happens; a body that cannot be read, or holds invalid UTF-8 (InvalidOperationException
            // from GetString), only loses its details.
            return default;
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private readonly record struct ErrorBody(string? Message, string? CorrelationId, string? PolicyName);
}
