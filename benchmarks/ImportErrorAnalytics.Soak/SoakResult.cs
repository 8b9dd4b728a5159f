using ImportErrorAnalytics.Reporting;

namespace ImportErrorAnalytics.Soak;

/// <summary>One target or exactness check, met or missed, with the figures behind it.</summary>
internal sealed record SoakCheck(string Name, bool Met, string Detail);

/// <summary>The throughput of one tenth of the errors.</summary>
internal sealed record Tenth(int Number, long FirstError, long LastError, TimeSpan Duration, double ErrorsPerSecond, long WorkingSet, int Gen0, int Gen1, int Gen2);

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
    ImportErrorReport Report,
    IReadOnlyList<int> TrackedColumns,
    IReadOnlyList<SoakCheck> Checks);
