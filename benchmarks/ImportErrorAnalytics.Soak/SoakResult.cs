using ImportErrorAnalytics.Reporting;

namespace ImportErrorAnalytics.Soak;

/// <summary>One target or exactness check, met or missed, with the figures behind it.</summary>
internal sealed record SoakCheck(string Name, bool Met, string Detail);

/// <summary>The throughput of one tenth of the errors.</summary>
/// <remarks>
/// <see cref="ErrorsPerCpuSecond"/> divides by the CPU time the process (generator included) spent in the tenth, so it
/// shows slowdowns of the code itself on a machine whose other load changes during the run.
/// </remarks>
internal sealed record Tenth(int Number, long FirstError, long LastError, TimeSpan Duration, double ErrorsPerSecond, double ErrorsPerCpuSecond, long WorkingSet, int Gen0, int Gen1, int Gen2);

/// <summary>Everything the soak measured and checked.</summary>
internal sealed record SoakResult(
    SoakArguments Arguments,
    int Files,
    TimeSpan Elapsed,
    IReadOnlyList<Tenth> Tenths,
    long PeakWorkingSet,
    long PeakSampledWorkingSet,
    (int Gen0, int Gen1, int Gen2) Collections,
    long AllocatedBytes,
    (double Start, double End) LoadAverage,
    ImportErrorReport Report,
    IReadOnlyList<int> TrackedColumns,
    IReadOnlyList<SoakCheck> Checks);
