using System.Globalization;
using System.Net.Http.Headers;

namespace ImportErrorAnalytics.HubSpot;

/// <summary>
/// A wait a response asks for in a header, read without trusting it: <c>Retry-After</c> as whole seconds or an
/// HTTP-date, <c>X-HubSpot-RateLimit-Interval-Milliseconds</c> as milliseconds. A wait longer than
/// <see cref="HubSpotSourceOptions.MaxServerWait"/> is cut to it (however many digits it has); a value that is not a
/// wait (negative, a fraction, text, a date in the past) asks for none. Reading never throws.
/// </summary>
internal readonly record struct ServerWait(TimeSpan Wait, string? Note)
{
    public const string RetryAfterHeader = "Retry-After";

    public const string IntervalHeader = "X-HubSpot-RateLimit-Interval-Milliseconds";

    /// <summary>The wait <c>Retry-After</c> asks for, or <see langword="null"/>.</summary>
    public static ServerWait? RetryAfter(HttpResponseMessage response, DateTimeOffset now, TimeSpan max)
    {
        if (First(response, RetryAfterHeader) is not { } text)
        {
            return null;
        }

        if (IsDigits(text))
        {
            // Digits are seconds, however many: too many for a number is still a wait far longer than the cap.
            var seconds = long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : long.MaxValue;
            return Clamp(RetryAfterHeader, text, seconds > max.TotalSeconds ? null : TimeSpan.FromSeconds(seconds), max);
        }

        if (RetryConditionHeaderValue.TryParse(text, out var parsed) && parsed.Date is { } date)
        {
            var wait = date - now;
            return wait <= TimeSpan.Zero ? null : Clamp(RetryAfterHeader, text, wait > max ? null : wait, max);
        }

        return null;
    }

    /// <summary>The wait <c>X-HubSpot-RateLimit-Interval-Milliseconds</c> gives, or <see langword="null"/>.</summary>
    public static ServerWait? Interval(HttpResponseMessage response, TimeSpan max)
    {
        if (First(response, IntervalHeader) is not { } text || !IsDigits(text))
        {
            return null;
        }

        var milliseconds = long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : long.MaxValue;
        return milliseconds == 0 ? null : Clamp(IntervalHeader, text, milliseconds > max.TotalMilliseconds ? null : TimeSpan.FromMilliseconds(milliseconds), max);
    }

    /// <summary>The wait, or the cap with a note saying what was asked when <paramref name="wait"/> is beyond it (<see langword="null"/>).</summary>
    private static ServerWait Clamp(string header, string text, TimeSpan? wait, TimeSpan max) => wait is { } within
        ? new ServerWait(within, null)
        : new ServerWait(max, string.Create(CultureInfo.InvariantCulture, $"{header} '{Shown(text)}' is cut to {max.TotalSeconds:0.###} s"));

    private static string? First(HttpResponseMessage response, string header) =>
        response.Headers.NonValidated.TryGetValues(header, out var values) && values.Count > 0 ? values.First().Trim() : null;

    private static bool IsDigits(string text) => text.Length > 0 && text.AsSpan().IndexOfAnyExceptInRange('0', '9') < 0;

    private static string Shown(string text) => text.Length <= 40 ? text : text[..40] + "...";
}
