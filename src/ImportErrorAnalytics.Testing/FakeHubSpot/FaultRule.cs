namespace ImportErrorAnalytics.Testing.FakeHubSpot;

/// <summary>
/// When a <see cref="Fault"/> strikes: at given request numbers of its <see cref="Target"/> (1-based, counted over
/// every request to that target, whether it succeeds or not), and/or at random with <see cref="Probability"/> (drawn
/// from the plan's seeded generator once per request to the target, so a sequential client sees the same faults
/// every run). When several rules strike the same request the first one added wins.
/// </summary>
public sealed class FaultRule
{
    /// <summary>Creates a rule.</summary>
    /// <param name="fault">What happens.</param>
    /// <param name="target">Which requests are counted and may be hit.</param>
    /// <param name="requestNumbers">The 1-based request numbers hit.</param>
    /// <param name="probability">The chance of hitting any request of the target, 0 to 1.</param>
    /// <param name="maxTimes">At most this many random hits (request numbers always hit); unlimited when <see langword="null"/>.</param>
    public FaultRule(Fault fault, FaultTarget target = FaultTarget.Errors, IEnumerable<int>? requestNumbers = null, double probability = 0, int? maxTimes = null)
    {
        ArgumentNullException.ThrowIfNull(fault);
        if (!Enum.IsDefined(target))
        {
            throw new ArgumentOutOfRangeException(nameof(target), target, "Unknown target.");
        }

        if (!(probability is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(probability), probability, "A probability is between 0 and 1.");
        }

        if (maxTimes is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxTimes), maxTimes, "Not negative.");
        }

        var numbers = new HashSet<int>(requestNumbers ?? []);
        if (numbers.Any(n => n < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(requestNumbers), "Request numbers start at 1.");
        }

        Fault = fault;
        Target = target;
        RequestNumbers = numbers;
        Probability = probability;
        MaxTimes = maxTimes;
    }

    /// <summary>What happens.</summary>
    public Fault Fault { get; }

    /// <summary>Which requests are counted and may be hit.</summary>
    public FaultTarget Target { get; }

    /// <summary>The 1-based request numbers hit.</summary>
    public IReadOnlySet<int> RequestNumbers { get; }

    /// <summary>The chance of hitting any request of the target.</summary>
    public double Probability { get; }

    /// <summary>At most this many random hits; <see langword="null"/> for no limit.</summary>
    public int? MaxTimes { get; }
}
