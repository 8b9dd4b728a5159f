namespace ImportErrorAnalytics.Testing.FakeHubSpot;

/// <summary>Numbers requests per target and decides which fault, if any, each one gets. Thread-safe.</summary>
internal sealed class FaultInjector
{
    private readonly Lock _lock = new();
    private readonly List<RuleState> _rules = [];
    private readonly long[] _counts = new long[4];
    private readonly Random _random;

    public FaultInjector(FaultPlan plan)
    {
        _random = new Random(plan.Seed);
        foreach (var rule in plan.Rules)
        {
            _rules.Add(new RuleState(rule));
        }
    }

    public void Add(FaultRule rule)
    {
        lock (_lock)
        {
            _rules.Add(new RuleState(rule));
        }
    }

    /// <summary>Hits the next <paramref name="count"/> requests of <paramref name="target"/> from now on.</summary>
    public void FailNext(Fault fault, int count, FaultTarget target)
    {
        lock (_lock)
        {
            var next = _counts[(int)target] + 1;
            var numbers = Enumerable.Range(0, count).Select(i => checked((int)(next + i)));
            _rules.Add(new RuleState(new FaultRule(fault, target, numbers)));
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _rules.Clear();
        }
    }

    /// <summary>Counts a request to <paramref name="endpoint"/> and returns its fault, or <see langword="null"/>.</summary>
    public Fault? Next(FakeHubSpotEndpoint endpoint)
    {
        var target = endpoint switch
        {
            FakeHubSpotEndpoint.Errors => FaultTarget.Errors,
            FakeHubSpotEndpoint.Import => FaultTarget.Import,
            FakeHubSpotEndpoint.ImportList => FaultTarget.ImportList,
            _ => FaultTarget.AnyRequest,
        };

        lock (_lock)
        {
            var any = ++_counts[(int)FaultTarget.AnyRequest];
            var own = target == FaultTarget.AnyRequest ? any : ++_counts[(int)target];
            Fault? chosen = null;
            foreach (var state in _rules)
            {
                var rule = state.Rule;
                long number;
                if (rule.Target == FaultTarget.AnyRequest)
                {
                    number = any;
                }
                else if (rule.Target == target)
                {
                    number = own;
                }
                else
                {
                    continue;
                }

                var hit = number <= int.MaxValue && rule.RequestNumbers.Contains((int)number);
                if (rule.Probability > 0)
                {
                    // Draw for every matching random rule, hit or not, so the sequence depends only on the requests.
                    var draw = _random.NextDouble();
                    if (!hit && draw < rule.Probability && (rule.MaxTimes is null || state.RandomHits < rule.MaxTimes))
                    {
                        hit = true;
                        state.RandomHits++;
                    }
                }

                if (hit && chosen is null)
                {
                    chosen = rule.Fault;
                }
            }

            return chosen;
        }
    }

    private sealed class RuleState(FaultRule rule)
    {
        public FaultRule Rule { get; } = rule;

        public int RandomHits { get; set; }
    }
}
