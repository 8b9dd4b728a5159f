using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ImportErrorAnalytics.Comparison;
using ImportErrorAnalytics.Reporting;

namespace ImportErrorAnalytics.Tests.Comparison;

/// <summary>The laws of <see cref="ReportDiff"/>: a report compared with itself has no changes; swapping the reports negates the diff.</summary>
public class ReportDiffProperties
{
    [Property(MaxTest = 300)]
    public Property Compare_OfAReportWithItself_IsEmpty() =>
        Prop.ForAll(DiffReports.Arbitrary, report =>
        {
            var diff = ReportDiff.Compare(report, report);
            return !diff.HasChanges && diff.ErrorsChange == 0 && diff.ErrorTypes.Count == 0 && diff.Columns.Count == 0
                && diff.ObjectTypes.Count == 0 && diff.Files.Count == 0 && diff.TopValues.Count == 0;
        });

    [Property(MaxTest = 300)]
    public Property Compare_SwappedReports_IsTheNegation() =>
        Prop.ForAll(DiffReports.Arbitrary, DiffReports.Arbitrary, (a, b) =>
        {
            var forward = ReportDiff.Compare(a, b);
            var backward = ReportDiff.Compare(b, a);
            Assert.Equal(forward.ErrorsBefore, backward.ErrorsAfter);
            Assert.Equal(forward.ErrorsAfter, backward.ErrorsBefore);
            Assert.Equal(forward.ErrorsChange, -backward.ErrorsChange);
            Assert.Equal(forward.ErrorRateBefore, backward.ErrorRateAfter);
            Assert.Equal(forward.ErrorRateAfter, backward.ErrorRateBefore);
            Assert.Equal(forward.HasChanges, backward.HasChanges);
            AssertNegated(forward.ErrorTypes, backward.ErrorTypes);
            AssertNegated(forward.Columns, backward.Columns);
            AssertNegated(forward.ObjectTypes, backward.ObjectTypes);
            AssertNegated(forward.Files, backward.Files);
            Assert.Equal(
                forward.TopValues.Select(v => (v.Column, v.Other, v.Property, v.Value, Flip(v.Kind), v.Count, v.Certain)),
                backward.TopValues.Select(v => (v.Column, v.Other, v.Property, v.Value, v.Kind, v.Count, v.Certain)));
            // The same parts are not compared; a reason may name the sides, which swap.
            Assert.Equal(forward.NotCompared.Select(n => n.Part), backward.NotCompared.Select(n => n.Part));
        });

    [Property(MaxTest = 200)]
    public Property Compare_CountsEveryChangedRowOnceWithBothCounts() =>
        Prop.ForAll(DiffReports.Arbitrary, DiffReports.Arbitrary, (a, b) =>
        {
            var diff = ReportDiff.Compare(a, b);
            var before = a.ErrorTypes.ToDictionary(t => (t.ErrorType, t.Other), t => t.Count);
            var after = b.ErrorTypes.ToDictionary(t => (t.ErrorType, t.Other), t => t.Count);
            var changed = before.Keys.Union(after.Keys).Where(k => before.GetValueOrDefault(k) != after.GetValueOrDefault(k)).ToHashSet();
            Assert.Equal(changed, diff.ErrorTypes.Select(t => (t.Key, t.Other)).ToHashSet());
            Assert.All(diff.ErrorTypes, t =>
            {
                Assert.Equal(before.GetValueOrDefault((t.Key, t.Other)), t.Before);
                Assert.Equal(after.GetValueOrDefault((t.Key, t.Other)), t.After);
                Assert.Equal(t.Kind == ChangeKind.New, !before.ContainsKey((t.Key, t.Other)) && !a.ErrorTypes.Any(x => x.Other));
            });
            // The diff's own total is the reports' totals, and its rows add up to the change of the listed types.
            Assert.Equal(b.Totals.Errors - a.Totals.Errors, diff.ErrorsChange);
            Assert.Equal(diff.ErrorsChange, diff.ErrorTypes.Sum(t => t.Change));
        });

    [Property(MaxTest = 200)]
    public Property Compare_ComparesTopValuesOnlyUnderTheSameValueSettings() =>
        Prop.ForAll(DiffReports.Arbitrary, DiffReports.Arbitrary, (a, b) =>
        {
            var diff = ReportDiff.Compare(a, b);
            // Masks compare only when one named key made both sides'.
            var sameValues = a.Settings.MaskValues == b.Settings.MaskValues
                && (!a.Settings.MaskValues || (a.Settings.MaskKeyId is not null && a.Settings.MaskKeyId == b.Settings.MaskKeyId));
            var comparable = sameValues && a.Settings.ShowStandardSensitivity == b.Settings.ShowStandardSensitivity
                && a.Settings.DistinctCapacity == b.Settings.DistinctCapacity && a.Settings.Top == b.Settings.Top && a.Settings.ValueDisplayLength == b.Settings.ValueDisplayLength;
            Assert.Equal(!comparable, diff.NotCompared.Any(n => n.Part == "topValues"));
            Assert.True(comparable || diff.TopValues.Count == 0);
            Assert.Equal(a.Settings.ClusterGap != b.Settings.ClusterGap, diff.NotCompared.Any(n => n.Part == "lineClusters"));
        });

    private static void AssertNegated(IReadOnlyList<CountChange> forward, IReadOnlyList<CountChange> backward) =>
        Assert.Equal(
            forward.Select(c => (c.Key, c.Other, c.Property, c.After, c.Before, -c.Change, Flip(c.Kind))),
            backward.Select(c => (c.Key, c.Other, c.Property, c.Before, c.After, c.Change, c.Kind)));

    private static ChangeKind Flip(ChangeKind kind) => kind switch
    {
        ChangeKind.New => ChangeKind.Gone,
        ChangeKind.Gone => ChangeKind.New,
        ChangeKind.Increased => ChangeKind.Decreased,
        _ => ChangeKind.Increased,
    };
}
