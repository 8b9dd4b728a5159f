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
    /// <param name="importIds">HubSpot import ids of that account (as <see cref="IAccountGrain.StartImportsAsync"/> takes them).</param>
    /// <returns>The statuses of those imports.</returns>
    /// <exception cref="ArgumentException">The account id is empty or holds <c>/</c>, or an import id is not one; nothing is added.</exception>
    [Alias("StartImports")]
    Task<IReadOnlyList<ImportStatus>> StartImportsAsync(string accountId, IReadOnlyList<string> importIds);

    /// <summary>Every account's imports and the merge of every account's roll-up.</summary>
    [Alias("GetRollup")]
    Task<FleetRollup> GetRollupAsync();
}
