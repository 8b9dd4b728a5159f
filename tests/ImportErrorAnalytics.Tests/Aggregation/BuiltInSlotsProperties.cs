using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ImportErrorAnalytics.Aggregation;
using ImportErrorAnalytics.Aggregation.BuiltIn;
using ImportErrorAnalytics.Reporting;
using ImportErrorAnalytics.Testing;
using ImportErrorAnalytics.Tests.Support;

namespace ImportErrorAnalytics.Tests.Aggregation;

/// <summary>
/// The report is assembled from the built-ins found by their aggregator, not by their place in the slot list: any order
/// of the slots (built-ins after custom ones, built-ins shuffled) gives the same report, byte for byte.
/// </summary>
public class BuiltInSlotsProperties
{
    private static readonly Arbitrary<(SyntheticError[] Errors, int[] Order)> Input =
        Arb.From(
            from errors in ErrorGenerators.Errors
            from keys in Gen.Choose(0, 1000).ArrayOf(BuiltInAggregatorCount + 1)
            select (errors, keys));

    private const int BuiltInAggregatorCount = 6;

    [Property(MaxTest = 40)]
    public Property Report_DoesNotDependOnTheOrderOfTheSlots() =>
        Prop.ForAll(Input, input =>
        {
            var builtIns = new BuiltInAggregators(BuiltInSettings.Default);
            var slots = builtIns.CreateSlots().Append(AggregatorSlot.Create(new Pipeline.ErrorCountAggregator())).ToArray();
            Assert.Equal(BuiltInAggregatorCount + 1, slots.Length);
            var page = PageParsing.ToPage(input.Errors);
            foreach (var slot in slots)
            {
                slot.AddPage(page);
            }

            var shuffled = slots.Zip(input.Order).OrderBy(pair => pair.Second).Select(pair => pair.First).ToArray();

            Assert.Equal(Report(builtIns, slots), Report(builtIns, shuffled));
        });

    [Fact]
    public void Of_FindsEachBuiltInByItsAggregator()
    {
        var slots = new BuiltInAggregators(BuiltInSettings.Default).CreateSlots().Reverse().ToArray();

        var builtIn = BuiltInSlots.Of(slots);

        Assert.Equal(
            ["totals", "errorTypes", "columns", "objectTypes", "topInvalidValues", "lineClusters"],
            [builtIn.Totals.Aggregator.Name, builtIn.ErrorTypes.Aggregator.Name, builtIn.Columns.Aggregator.Name,
             builtIn.ObjectTypes.Aggregator.Name, builtIn.TopValues.Aggregator.Name, builtIn.LineClusters.Aggregator.Name]);
        Assert.All(slots, slot => Assert.True(BuiltInSlots.IsBuiltIn(slot)));
        Assert.False(BuiltInSlots.IsBuiltIn(AggregatorSlot.Create(new Pipeline.ErrorCountAggregator())));
    }

    [Fact]
    public void Of_WithoutABuiltIn_SaysWhichIsMissing()
    {
        var slots = new BuiltInAggregators(BuiltInSettings.Default).CreateSlots().Where(slot => slot.Aggregator.Name != "columns").ToArray();

        var error = Assert.Throws<InvalidOperationException>(() => BuiltInSlots.Of(slots));

        Assert.Contains(nameof(ColumnCountsAggregator), error.Message, StringComparison.Ordinal);
    }

    private static string Report(BuiltInAggregators builtIns, AggregatorSlot[] slots)
    {
        var counters = new RunCounters { Inputs = 1 };
        return JsonReport.ToJson(ReportAssembler.Build(builtIns, slots, counters, [], [], complete: true));
    }
}
