namespace ImportErrorAnalytics.Orleans.Grains;

/// <summary>The account's token could not be had from the <see cref="IHubSpotTokenProvider"/>; the message never holds a token.</summary>
internal sealed class TokenUnavailableException : Exception
{
    public TokenUnavailableException()
    {
    }

    public TokenUnavailableException(string message)
        : base(message)
    {
    }

    public TokenUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
