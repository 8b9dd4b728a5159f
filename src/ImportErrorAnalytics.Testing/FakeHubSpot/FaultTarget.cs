namespace ImportErrorAnalytics.Testing.FakeHubSpot;

/// <summary>Which requests a <see cref="FaultRule"/> counts and may hit. Each target numbers its requests from 1.</summary>
public enum FaultTarget
{
    /// <summary>Every request, whatever its path (numbered as in <see cref="RequestLogEntry.Number"/>).</summary>
    AnyRequest,

    /// <summary><c>GET .../{importId}/errors</c>, on both path prefixes.</summary>
    Errors,

    /// <summary><c>GET .../{importId}</c>.</summary>
    Import,

    /// <summary><c>GET /crm/imports/2026-03</c> (the list of imports).</summary>
    ImportList,
}
