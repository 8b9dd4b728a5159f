namespace ImportErrorAnalytics.Orleans;

/// <summary>
/// Gives the HubSpot private-app token of an account. Register one in the silo's services; the import grains ask it
/// each time a run starts or resumes, so a rotated token is picked up then. The token is sent only in the
/// <c>Authorization</c> header: it is never kept in grain state, logs, exceptions, statuses or reports.
/// </summary>
public interface IHubSpotTokenProvider
{
    /// <summary>Returns the token of <paramref name="accountId"/>.</summary>
    /// <param name="accountId">The account, as the grains are keyed.</param>
    /// <param name="cancellationToken">Stops the lookup.</param>
    /// <exception cref="KeyNotFoundException">The provider knows no such account (the import then fails with a message naming the account).</exception>
    ValueTask<string> GetTokenAsync(string accountId, CancellationToken cancellationToken);
}
