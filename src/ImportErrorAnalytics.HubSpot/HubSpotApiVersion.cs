namespace ImportErrorAnalytics.HubSpot;

/// <summary>Which path of the Imports API to call.</summary>
public enum HubSpotApiVersion
{
    /// <summary><c>/crm/imports/2026-03/...</c> (the default).</summary>
    V2026March,

    /// <summary><c>/crm/v3/imports/...</c>.</summary>
    V3,
}
