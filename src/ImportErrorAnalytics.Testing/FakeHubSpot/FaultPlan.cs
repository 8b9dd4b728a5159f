namespace ImportErrorAnalytics.Testing.FakeHubSpot;

/// <summary>The faults a server starts with. More can be added while it runs (<see cref="FakeHubSpotServer.AddFault"/>).</summary>
public sealed class FaultPlan
{
    /// <summary>The seed of the generator random rules draw from.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>The rules, in priority order.</summary>
    public IList<FaultRule> Rules { get; } = new List<FaultRule>();

    /// <summary>Adds a rule.</summary>
    /// <param name="rule">The rule.</param>
    /// <returns>This plan.</returns>
    public FaultPlan Add(FaultRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        Rules.Add(rule);
        return this;
    }

    /// <summary>Hits request <paramref name="requestNumber"/> (1-based) of <paramref name="target"/>.</summary>
    /// <param name="requestNumber">The request number.</param>
    /// <param name="fault">What happens.</param>
    /// <param name="target">Which requests are counted.</param>
    /// <returns>This plan.</returns>
    public FaultPlan OnRequest(int requestNumber, Fault fault, FaultTarget target = FaultTarget.Errors) =>
        Add(new FaultRule(fault, target, [requestNumber]));

    /// <summary>Hits each of <paramref name="requestNumbers"/> (1-based) of <paramref name="target"/>, e.g. a burst of 429s.</summary>
    /// <param name="requestNumbers">The request numbers.</param>
    /// <param name="fault">What happens.</param>
    /// <param name="target">Which requests are counted.</param>
    /// <returns>This plan.</returns>
    public FaultPlan OnRequests(IEnumerable<int> requestNumbers, Fault fault, FaultTarget target = FaultTarget.Errors) =>
        Add(new FaultRule(fault, target, requestNumbers));

    /// <summary>Hits each request of <paramref name="target"/> with <paramref name="probability"/>.</summary>
    /// <param name="probability">The chance per request, 0 to 1.</param>
    /// <param name="fault">What happens.</param>
    /// <param name="target">Which requests may be hit.</param>
    /// <param name="maxTimes">At most this many hits; unlimited when <see langword="null"/>.</param>
    /// <returns>This plan.</returns>
    public FaultPlan Randomly(double probability, Fault fault, FaultTarget target = FaultTarget.Errors, int? maxTimes = null) =>
        Add(new FaultRule(fault, target, probability: probability, maxTimes: maxTimes));
}
