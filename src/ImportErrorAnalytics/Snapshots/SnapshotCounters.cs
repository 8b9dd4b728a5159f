using ImportErrorAnalytics.Aggregation;

namespace ImportErrorAnalytics.Snapshots;

/// <summary>A snapshot's run counters: inputs read, response pages, errors and bytes committed.</summary>
internal readonly record struct SnapshotCounters(int Inputs, long Pages, long Errors, long Bytes)
{
    public static SnapshotCounters From(RunCounters counters) => new(counters.Inputs, counters.Pages, counters.Errors, counters.Bytes);

    /// <exception cref="OverflowException">A sum does not fit.</exception>
    public SnapshotCounters Add(SnapshotCounters other) => new(
        checked(Inputs + other.Inputs), checked(Pages + other.Pages), checked(Errors + other.Errors), checked(Bytes + other.Bytes));

    public RunCounters ToRunCounters()
    {
        var counters = new RunCounters { Inputs = Inputs };
        counters.Restore(Pages, Errors, Bytes);
        return counters;
    }
}
