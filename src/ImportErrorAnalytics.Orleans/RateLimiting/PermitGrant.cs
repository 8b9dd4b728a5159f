namespace ImportErrorAnalytics.Orleans.RateLimiting;

/// <summary>
/// The account grain's answer to an import grain that wants to send one request: send after <see cref="Wait"/>
/// (<see cref="Granted"/>), or ask again after it. A wait rather than a moment, so silo clocks need not agree.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("iea.PermitGrant")]
internal sealed class PermitGrant
{
    [Id(0)]
    public bool Granted { get; init; }

    [Id(1)]
    public TimeSpan Wait { get; init; }

    /// <summary>The granted permit, to report its request's completion with (<see cref="IAccountBudget.CompletedAsync"/>).</summary>
    [Id(2)]
    public long PermitId { get; init; }
}
