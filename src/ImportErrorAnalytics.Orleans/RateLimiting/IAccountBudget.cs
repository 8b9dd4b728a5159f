using Orleans.Concurrency;

namespace ImportErrorAnalytics.Orleans.RateLimiting;

/// <summary>
/// The account grain's request budget, as the import grains of the account see it (the same activation as
/// <see cref="IAccountGrain"/>: one grain class implements both). Interleaves with the account's other calls, so a
/// slow roll-up never holds up a permit.
/// </summary>
[Alias("iea.IAccountBudget")]
internal interface IAccountBudget : IGrainWithStringKey
{
    /// <summary>Reserves one request of the account's budget.</summary>
    [AlwaysInterleave]
    [Alias("Reserve")]
    Task<PermitGrant> ReserveAsync();

    /// <summary>
    /// Reports that the request sent under a granted permit completed (answered, failed or cancelled), so HubSpot has
    /// counted it by now. One-way: a lost report only keeps the permit counted for longer.
    /// </summary>
    /// <param name="permitId">The grant's <see cref="PermitGrant.PermitId"/>.</param>
    [OneWay]
    [AlwaysInterleave]
    [Alias("Completed")]
    Task CompletedAsync(long permitId);
}
