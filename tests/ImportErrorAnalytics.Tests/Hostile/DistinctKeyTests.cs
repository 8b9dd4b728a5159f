using ImportErrorAnalytics.Parsing;
using ImportErrorAnalytics.Tests.Shared;
using Xunit.Abstractions;

namespace ImportErrorAnalytics.Tests.Hostile;

/// <summary>
/// Distinct keys cost O(1) each and memory follows what is stored: an input whose every record brings a new key of one
/// kind costs about what the same bytes with a single key cost. The bounds are ten times looser than the goal (at most
/// twice the time, at most 64 MB more), so a noisy machine does not fail them; the old process-wide, copy-on-write
/// name table and the 64 KB block per file failed them by far more (see docs/json-report.md's limits).
/// </summary>
[Collection(MeasuredAlone.Name)]
[Slow(SlowKind.Heavy)]
public class DistinctKeyTests(ITestOutputHelper output)
{
    private const int TwoMegabytes = 2 * 1024 * 1024;

    [Theory]
    [InlineData(KeyKind.ErrorType)]
    [InlineData(KeyKind.ObjectType)]
    [InlineData(KeyKind.Column)]
    [InlineData(KeyKind.PropertyName)]
    [InlineData(KeyKind.FileId)]
    [InlineData(KeyKind.Value)]
    public async Task AllDistinctKeys_CostAboutWhatOneKeyCosts(KeyKind kind)
    {
        // At least 2 MB, and at least the sizes: 40,000 new error and object types, 20,000 new file ids.
        var records = kind switch { KeyKind.ErrorType or KeyKind.ObjectType => 40_000, KeyKind.FileId => 20_000, _ => 0 };
        var one = await RunCost.MeasureAsync(salt => DistinctKeyInputs.Pages(kind, distinct: false, TwoMegabytes, salt, records), InputFormat.Pages);
        var all = await RunCost.MeasureAsync(salt => DistinctKeyInputs.Pages(kind, distinct: true, TwoMegabytes, salt + 100, records), InputFormat.Pages);
        output.WriteLine($"{kind}: one key {one}; all distinct {all}");

        Assert.True(all.Seconds <= (20 * one.Seconds) + 0.5, $"All-distinct {kind}s took {all.Seconds:F2} s; one took {one.Seconds:F2} s.");
        Assert.True(all.Allocated - one.Allocated <= 64_000_000, $"All-distinct {kind}s allocated {all.Allocated - one.Allocated:N0} bytes more.");
    }
}
