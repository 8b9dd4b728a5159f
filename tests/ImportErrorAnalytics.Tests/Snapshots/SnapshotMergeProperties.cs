using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ImportErrorAnalytics.Parsing;
using ImportErrorAnalytics.Pipeline;
using ImportErrorAnalytics.Reporting;
using ImportErrorAnalytics.Snapshots;
using ImportErrorAnalytics.Testing;
using ImportErrorAnalytics.Tests.Support;

namespace ImportErrorAnalytics.Tests.Snapshots;

/// <summary>
/// Any input split into any number of shards, each run to a snapshot, merged in any order and grouping (through files
/// or not), gives the report of one run over all the inputs: exact parts equal, approximate top values within bounds.
/// </summary>
public class SnapshotMergeProperties
{
    [Property(MaxTest = 50)]
    public Property Shards_MergedInAnyOrderAndGrouping_GiveTheSingleRunReport() =>
        Prop.ForAll(ErrorGenerators.ErrorsAndSeed, input =>
        {
            var (errors, seed) = input;
            var random = new Random(seed);
            var capacity = random.Next(3) == 0 ? random.Next(1, 4) : 10_000;
            var gap = random.Next(0, 6);
            int? maxClusters = random.Next(3) == 0 ? random.Next(0, 3) : null;
            void Configure(AnalyzerOptions o)
            {
                o.DistinctCapacity = capacity;
                o.ClusterGap = gap;
                o.MaxClusters = maxClusters;
                o.Top = 1000;
                o.ValueDisplayLength = 10_000;
                o.MaxDegreeOfParallelism = 1 + random.Next(2);
            }

            // Runs are merged in the order of their input names: zero-padded names keep that the order of the inputs.
            var inputs = AnalyzerRuns.Inputs(errors, seed).Select((x, i) => ($"input-{i:D3}", x.Bytes, x.Format)).ToList();
            var single = AnalyzerRuns.Run(inputs, Configure);

            var pieces = Shards(inputs, random).ConvertAll(shard => SnapshotBytes.Of(shard, Configure));
            pieces = pieces.ConvertAll(piece => random.Next(2) == 0 ? SnapshotBytes.RoundTrip(piece) : piece);
            while (pieces.Count > 1)
            {
                var group = new List<ReportSnapshot>();
                for (var take = Math.Min(pieces.Count, random.Next(4) == 0 ? 3 : 2); take > 0; take--)
                {
                    var i = random.Next(pieces.Count);
                    group.Add(pieces[i]);
                    pieces.RemoveAt(i);
                }

                var merged = ReportSnapshot.Merge(group);
                pieces.Insert(random.Next(pieces.Count + 1), random.Next(2) == 0 ? SnapshotBytes.RoundTrip(merged) : merged);
            }

            var report = pieces[0].CreateReport();
            AssertSameReport(single, report, errors);
        });

    /// <summary>Contiguous runs of inputs, at least one, each non-empty.</summary>
    internal static List<List<(string Name, byte[] Bytes, InputFormat Format)>> Shards(List<(string Name, byte[] Bytes, InputFormat Format)> inputs, Random random)
    {
        var count = random.Next(1, inputs.Count + 1);
        var cuts = Enumerable.Range(1, inputs.Count - 1).OrderBy(_ => random.Next()).Take(count - 1).Order().ToList();
        var shards = new List<List<(string, byte[], InputFormat)>>();
        var start = 0;
        foreach (var cut in cuts.Append(inputs.Count))
        {
            shards.Add(inputs.GetRange(start, cut - start));
            start = cut;
        }

        return shards;
    }

    internal static void AssertSameReport(ImportErrorReport single, ImportErrorReport merged, SyntheticError[] errors)
    {
        Assert.True(merged.Complete);
        Json.Equal(single.Totals, merged.Totals);
        Json.Equal(single.Settings, merged.Settings);
        Json.Equal(single.ErrorTypes, merged.ErrorTypes);
        Json.Equal(single.Columns, merged.Columns);
        Json.Equal(single.ObjectTypes, merged.ObjectTypes);
        Json.Equal(single.LineClusters, merged.LineClusters);
        Json.Equal(single.Skipped, merged.Skipped);
        Json.Equal(single.Sources, merged.Sources);
        Assert.Equal(single.TopInvalidValues.Count, merged.TopInvalidValues.Count);
        foreach (var (expected, actual) in single.TopInvalidValues.Zip(merged.TopInvalidValues))
        {
            Assert.Equal(
                (expected.Column, expected.Property, expected.Exact, expected.DistinctValues, expected.DistinctValuesAtLeast, expected.ValuesCounted, expected.Values.Count),
                (actual.Column, actual.Property, actual.Exact, actual.DistinctValues, actual.DistinctValuesAtLeast, actual.ValuesCounted, actual.Values.Count));
            if (expected.Exact)
            {
                Json.Equal(expected.Values, actual.Values);
                continue;
            }

            foreach (var value in actual.Values)
            {
                var truth = errors.LongCount(e => e.KnownColumnNumber == actual.Column && e.EffectiveValue is not null
                    && (value.Redacted ? e.IsSensitive : !e.IsSensitive && e.EffectiveValue == value.Value));
                Assert.InRange(truth, value.Count - value.MaxError, value.Count);
            }
        }
    }
}
