namespace ImportErrorAnalytics.Tests.Hostile;

/// <summary>
/// Tests that measure the process (allocated and retained bytes, time) run in this collection, alone: xunit runs it
/// after the parallel collections, so no other test allocates or competes for the cores while they measure.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MeasuredAlone
{
    public const string Name = "Measured alone";
}
