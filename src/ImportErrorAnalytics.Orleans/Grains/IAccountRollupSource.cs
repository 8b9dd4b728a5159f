namespace ImportErrorAnalytics.Orleans.Grains;

/// <summary>The account grain's roll-up as the fleet grain asks for it: without the snapshot's bytes when the fleet has them.</summary>
[Alias("iea.IAccountRollupSource")]
internal interface IAccountRollupSource : IGrainWithStringKey
{
    /// <summary>
    /// As <see cref="IAccountGrain.GetRollupAsync"/>, but with an empty <see cref="AccountRollup.Snapshot"/> when its
    /// <see cref="AccountRollup.Version"/> is <paramref name="knownVersion"/> (the caller has those bytes).
    /// </summary>
    [Alias("GetRollupSince")]
    Task<AccountRollup> GetRollupSinceAsync(string? knownVersion);
}
