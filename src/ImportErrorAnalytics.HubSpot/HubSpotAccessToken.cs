namespace ImportErrorAnalytics.HubSpot;

/// <summary>
/// A HubSpot private-app access token. It is sent only in the <c>Authorization</c> header and never appears in
/// <see cref="ToString"/>, logs, exception messages, reports or checkpoints.
/// </summary>
public sealed class HubSpotAccessToken
{
    /// <summary>The environment variable read by default.</summary>
    public const string DefaultVariable = "HUBSPOT_ACCESS_TOKEN";

    private HubSpotAccessToken(string value) => Value = value;

    internal string Value { get; }

    /// <summary>Wraps a token.</summary>
    /// <param name="token">The token.</param>
    public static HubSpotAccessToken From(string token)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        return new HubSpotAccessToken(token.Trim());
    }

    /// <summary>Reads the token from an environment variable.</summary>
    /// <param name="variable">The variable's name.</param>
    /// <exception cref="HubSpotApiException">The variable is unset or empty (<see cref="HubSpotFailure.Unauthorized"/>).</exception>
    public static HubSpotAccessToken FromEnvironment(string variable = DefaultVariable)
    {
        var value = Environment.GetEnvironmentVariable(variable);
        return string.IsNullOrWhiteSpace(value)
            ? throw new HubSpotApiException(HubSpotFailure.Unauthorized, null, $"No HubSpot access token: the environment variable {variable} is not set.")
            : new HubSpotAccessToken(value.Trim());
    }

    /// <summary>Never the token.</summary>
    public override string ToString() => "HubSpotAccessToken([REDACTED])";
}
