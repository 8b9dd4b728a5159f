namespace ImportErrorAnalytics.Orleans;

/// <summary>
/// A HubSpot account (key: the account id; get it with <see cref="ImportErrorAnalyticsGrainFactoryExtensions.GetAccountGrain"/>).
/// It holds the account's request budget, which every request of every import grain of the account draws from,
/// and the roll-up of its imports' snapshots.
/// </summary>
[Alias("iea.IAccountGrain")]
public interface IAccountGrain : IGrainWithStringKey
{
    /// <summary>
    /// Adds imports to the account (an import added twice, in any spelling of its id, is kept once) and starts or
    /// resumes each.
    /// </summary>
    /// <param name="importIds">HubSpot import ids: digits, leading zeros ignored (see <see cref="Model.HubSpotImportIds"/>).</param>
    /// <returns>The statuses of those imports, one per import, with its canonical id.</returns>
    /// <exception cref="ArgumentException">An id is not an import id (the message quotes it); no import is added.</exception>
    [Alias("StartImports")]
    Task<IReadOnlyList<ImportStatus>> StartImportsAsync(IReadOnlyList<string> importIds);

    /// <summary>
    /// Every import's status, and the merge of the completed ones. Imports that completed since the last call are
    /// merged into the account's saved roll-up once; an import whose silo died is resumed by being asked.
    /// </summary>
    [Alias("GetRollup")]
    Task<AccountRollup> GetRollupAsync();
}
