using System.Text;

namespace ImportErrorAnalytics.Orleans.Host.Hosting;

/// <summary>
/// Tokens from environment variables, one per account: <c>IEA_TOKEN_</c> followed by the account id in upper case
/// with every character other than an ASCII letter or digit replaced by <c>_</c> (<c>portal-1001</c> reads
/// <c>IEA_TOKEN_PORTAL_1001</c>). Read each time a run starts or resumes; never logged.
/// </summary>
internal sealed class EnvironmentTokenProvider : IHubSpotTokenProvider
{
    public ValueTask<string> GetTokenAsync(string accountId, CancellationToken cancellationToken)
    {
        var variable = VariableFor(accountId);
        var token = Environment.GetEnvironmentVariable(variable);
        return string.IsNullOrWhiteSpace(token)
            ? throw new KeyNotFoundException($"No token for account '{accountId}': {variable} is not set on this silo.")
            : ValueTask.FromResult(token);
    }

    /// <summary>The variable that holds <paramref name="accountId"/>'s token.</summary>
    public static string VariableFor(string accountId)
    {
        var name = new StringBuilder(Settings.SiloOptions.TokenVariablePrefix, Settings.SiloOptions.TokenVariablePrefix.Length + accountId.Length);
        foreach (var c in accountId)
        {
            name.Append(char.IsAsciiLetterOrDigit(c) ? char.ToUpperInvariant(c) : '_');
        }

        return name.ToString();
    }
}
