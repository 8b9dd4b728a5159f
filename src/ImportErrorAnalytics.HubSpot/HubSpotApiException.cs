using System.Net;

namespace ImportErrorAnalytics.HubSpot;

/// <summary>A call to HubSpot failed and will not succeed by retrying. The message never holds the token.</summary>
public sealed class HubSpotApiException : Exception
{
    /// <summary>Creates the exception.</summary>
    public HubSpotApiException()
        : this(HubSpotFailure.BadRequest, null, "A HubSpot request failed.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public HubSpotApiException(string message)
        : this(HubSpotFailure.BadRequest, null, message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public HubSpotApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="failure">Why it failed.</param>
    /// <param name="statusCode">The HTTP status, when there was a response.</param>
    /// <param name="message">What happened and what to do.</param>
    /// <param name="innerException">The last transient failure, for <see cref="HubSpotFailure.RetriesExhausted"/>.</param>
    public HubSpotApiException(HubSpotFailure failure, HttpStatusCode? statusCode, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Failure = failure;
        StatusCode = statusCode;
    }

    /// <summary>Why it failed.</summary>
    public HubSpotFailure Failure { get; }

    /// <summary>The HTTP status, when there was a response.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>HubSpot's <c>correlationId</c>, for HubSpot support.</summary>
    public string? CorrelationId { get; init; }

    /// <summary>For <see cref="HubSpotFailure.DailyLimit"/>: when the daily budget resets (midnight in the account's time zone is not known here, so midnight UTC is given as an estimate).</summary>
    public DateTimeOffset? ResetsAt { get; init; }
}
