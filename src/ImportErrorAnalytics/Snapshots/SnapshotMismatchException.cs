namespace ImportErrorAnalytics.Snapshots;

/// <summary>
/// Snapshots that are readable but must not be merged: made with different settings or aggregators, holding the same
/// run or the same HubSpot import twice (its errors would be counted twice), or holding an aggregator state the reader
/// was not given the aggregator for. Nothing was merged.
/// </summary>
public sealed class SnapshotMismatchException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SnapshotMismatchException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">Names the snapshots and what differs.</param>
    public SnapshotMismatchException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">Names the snapshots and what differs.</param>
    /// <param name="innerException">The cause.</param>
    public SnapshotMismatchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
