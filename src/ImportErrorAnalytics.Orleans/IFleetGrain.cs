namespace ImportErrorAnalytics.Orleans;

/// <summary>
/// A fleet of accounts (key: a fleet name, <see cref="ImportErrorAnalyticsGrainFactoryExtensions.DefaultFleet"/> unless
/// you run several; get it with <see cref="ImportErrorAnalyticsGrainFactoryExtensions.GetFleetGrain"/>). It remembers its
/// accounts and merges their roll-ups, asking all accounts at once.
/// </summary>
[Alias("iea.IFleetGrain")]
public interface IFleetGrain : IGrainWithStringKey
{
    /// <summary>Adds the account to the fleet (once) and starts its imports through the account grain.</summary>
    /// <param name="accountId">The account (no <c>/</c>).</param>
    /// <param name="importIds">HubSpot import ids of that account.</param>
    /// <returns>The statuses of those imports.</returns>
    [Alias("StartImports")]
    Task<IReadOnlyList<ImportStatus>> StartImportsAsync(string accountId, IReadOnlyList<string> importIds);

    /// <summary>Every account's imports and the merge of every account's roll-up.</summary>
    [Alias("GetRollup")]
    Task<FleetRollup> GetRollupAsync();
}
