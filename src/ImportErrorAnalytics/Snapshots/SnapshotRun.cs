using ImportErrorAnalytics.Pipeline;

namespace ImportErrorAnalytics.Snapshots;

/// <summary>
/// One run whose states a snapshot holds: its id (a merge refuses to count a run twice) and its inputs, in the order
/// the run numbered them, with their errors and content fingerprints (a merge refuses to count one content twice).
/// </summary>
internal sealed record SnapshotRun(Guid Id, IReadOnlyList<RunInput> Inputs)
{
    /// <summary>
    /// The order of runs in a merge: by their input names (ordinal, element by element), then by id. A merge numbers
    /// the inputs of all its runs in this order, as one run over all of them would, whatever order the snapshots came in.
    /// </summary>
    public static int Compare(SnapshotRun a, SnapshotRun b)
    {
        for (var i = 0; i < Math.Min(a.Inputs.Count, b.Inputs.Count); i++)
        {
            var c = string.CompareOrdinal(a.Inputs[i].Name, b.Inputs[i].Name);
            if (c != 0)
            {
                return c;
            }
        }

        var byCount = a.Inputs.Count.CompareTo(b.Inputs.Count);
        return byCount != 0 ? byCount : a.Id.CompareTo(b.Id);
    }
}
