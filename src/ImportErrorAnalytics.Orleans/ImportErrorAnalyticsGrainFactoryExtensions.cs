using ImportErrorAnalytics.Orleans.Grains;

namespace ImportErrorAnalytics.Orleans;

/// <summary>Gets the analytics grains by account and import id.</summary>
public static class ImportErrorAnalyticsGrainFactoryExtensions
{
    /// <summary>The fleet name <see cref="GetFleetGrain"/> uses by default.</summary>
    public const string DefaultFleet = "default";

    /// <summary>The grain of one import of one account.</summary>
    /// <param name="grains">The grain factory (an <c>IClusterClient</c>, say).</param>
    /// <param name="accountId">The account (no <c>/</c>).</param>
    /// <param name="importId">
    /// The HubSpot import id: digits, leading zeros ignored (see <see cref="Model.HubSpotImportIds"/>), so
    /// <c>"01"</c> and <c>"1"</c> get the one grain of import 1.
    /// </param>
    /// <exception cref="ArgumentException">The account id is empty or holds <c>/</c>, or the import id is not one (the message quotes it).</exception>
    public static IImportGrain GetImportGrain(this IGrainFactory grains, string accountId, string importId)
    {
        ArgumentNullException.ThrowIfNull(grains);
        return grains.GetGrain<IImportGrain>(GrainKeys.Import(accountId, importId));
    }

    /// <summary>The grain of an account.</summary>
    /// <param name="grains">The grain factory.</param>
    /// <param name="accountId">The account (no <c>/</c>).</param>
    /// <exception cref="ArgumentException">The id is empty or holds <c>/</c>.</exception>
    public static IAccountGrain GetAccountGrain(this IGrainFactory grains, string accountId)
    {
        ArgumentNullException.ThrowIfNull(grains);
        return grains.GetGrain<IAccountGrain>(GrainKeys.Account(accountId));
    }

    /// <summary>The grain of a fleet of accounts.</summary>
    /// <param name="grains">The grain factory.</param>
    /// <param name="fleetId">The fleet's name.</param>
    public static IFleetGrain GetFleetGrain(this IGrainFactory grains, string fleetId = DefaultFleet)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentException.ThrowIfNullOrWhiteSpace(fleetId);
        return grains.GetGrain<IFleetGrain>(fleetId);
    }
}
