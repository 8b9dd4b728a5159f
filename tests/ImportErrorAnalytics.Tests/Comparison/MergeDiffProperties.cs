using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ImportErrorAnalytics.Comparison;
using ImportErrorAnalytics.Parsing;
using ImportErrorAnalytics.Snapshots;
using ImportErrorAnalytics.Testing;
using ImportErrorAnalytics.Tests.Support;

namespace ImportErrorAnalytics.Tests.Comparison;

/// <summary>
/// The diff and the merge agree: merging a second part into a report changes each error type, column, object type and
/// file by exactly that part's count (the tables are exact while no "other" row forms), and nothing else.
/// </summary>
public class MergeDiffProperties
{
    private static ReportSnapshot Snapshot(int seed) =>
        AnalyzerRuns.Builder(
            [($"part-{seed}.json", new SyntheticImport(new SyntheticImportOptions { Seed = seed, Errors = 150, Files = 2, UnknownTypeRate = 0.05 }).ToPageBytes(50), InputFormat.Pages)],
            o => o.MaxDegreeOfParallelism = 1)
            .Build().RunToSnapshotAsync().GetAwaiter().GetResult();

    [Property(MaxTest = 12)]
    public Property Compare_OfAPartWithItsMergeWithAnother_ChangesByTheOtherPartsCounts() =>
        Prop.ForAll(Gen.Choose(1, 10_000).Two().ToArbitrary(), seeds =>
        {
            var (first, second) = (seeds.Item1, seeds.Item1 + 1 + (seeds.Item2 % 1000));
            var a = Snapshot(first);
            var b = Snapshot(second);
            var partA = a.CreateReport();
            var partB = b.CreateReport();

            var diff = ReportDiff.Compare(partA, ReportSnapshot.Merge([a, b]).CreateReport());

            Assert.Equal(partB.Totals.Errors, diff.ErrorsChange);
            Assert.Equal(
                partB.ErrorTypes.Select(t => (t.ErrorType, t.Count)).Order(),
                diff.ErrorTypes.Select(t => (t.Key, t.Change)).Order());
            Assert.Equal(
                partB.ObjectTypes.Select(t => (t.ObjectType, t.Count)).Order(),
                diff.ObjectTypes.Select(t => (t.Key, t.Change)).Order());
            Assert.Equal(
                partB.Columns.Select(c => (c.Column?.ToString(System.Globalization.CultureInfo.InvariantCulture), c.Count)).Order(),
                diff.Columns.Select(c => (c.Key, c.Change)).Order());
            Assert.Equal(
                partB.LineClusters.Select(f => (f.FileId?.ToString(System.Globalization.CultureInfo.InvariantCulture), f.Errors)).Order(),
                diff.Files.Select(f => (f.Key, f.Change)).Order());
            Assert.DoesNotContain(diff.ErrorTypes, t => t.Kind is ChangeKind.Decreased or ChangeKind.Gone);
        });
}
