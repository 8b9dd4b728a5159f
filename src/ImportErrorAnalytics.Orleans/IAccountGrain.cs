namespace ImportErrorAnalytics.Orleans;

/// <summary>
/// A HubSpot account (key: the account id; get it with <see cref="ImportErrorAnalyticsGrainFactoryExtensions.GetAccountGrain"/>).
/// It holds the account's request budget, which every request of every import grain of the account draws from,
/// and the roll-up of its imports' snapshots.
/// </summary>
[Alias("iea.IAccountGrain")]
public interface IAccountGrain : IGrainWithStringKey
{
    /// <summary>Adds imports to the account (an import added twice is kept once) and starts or resumes each.</summary>
    /// <param name="importIds">HubSpot import ids (no <c>/</c>).</param>
    /// <returns>The statuses of those imports.</returns>
    [Alias("StartImports")]
    Task<IReadOnlyList<ImportStatus>> StartImportsAsync(IReadOnlyList<string> importIds);

    /// <summary>
    /// Every import's status, and the merge of the completed ones. Imports that completed since the last call are
    /// merged into the account's saved roll-up once; an import whose silo died is resumed by being asked.
    /// </summary>
    [Alias("GetRollup")]
    Task<AccountRollup> GetRollupAsync();
}
