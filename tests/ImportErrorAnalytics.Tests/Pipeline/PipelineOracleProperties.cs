using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ImportErrorAnalytics.Tests.Support;

namespace ImportErrorAnalytics.Tests.Pipeline;

public class PipelineOracleProperties
{
    [Property(MaxTest = 60)]
    public Property Run_EqualsThePlainReference_ForAnyWorkerCount() =>
        Prop.ForAll(ErrorGenerators.ErrorsAndSeed, input =>
        {
            var (errors, seed) = input;
            var random = new Random(seed);
            var gap = random.Next(0, 6);
            int? maxClusters = random.Next(3) == 0 ? random.Next(0, 3) : null;
            var inputs = AnalyzerRuns.Inputs(errors, seed);

            foreach (var workers in new[] { 1, 2, 4 })
            {
                var report = AnalyzerRuns.Run(inputs, o =>
                {
                    o.MaxDegreeOfParallelism = workers;
                    o.ChannelCapacity = 1 + random.Next(3);
                    o.Limits.MaxRecordsPerPart = 1 + random.Next(6);
                    o.ClusterGap = gap;
                    o.MaxClusters = maxClusters;
                    o.Top = 1000;
                });

                Assert.True(report.Complete);
                Assert.Equal(errors.Length, report.Totals.Errors);
                Assert.Equal(errors.LongCount(e => e.IsSensitive), report.Totals.RedactedValues);
                Assert.Equal(errors.LongCount(e => e.ErrorType is not null && !Model.HubSpotNames.IsKnownErrorType(e.ErrorType)), report.Totals.UnknownErrorTypeErrors);
                Assert.Equal(inputs.Count, report.Totals.Inputs);
                Assert.Equal(inputs.Sum(i => CommittedBytes(i.Bytes, i.Format)), report.Totals.Bytes);
                Json.Equal(ReportOracle.ErrorTypes(errors), report.ErrorTypes);
                Json.Equal(ReportOracle.ObjectTypes(errors), report.ObjectTypes);
                Json.Equal(ReportOracle.Columns(errors), report.Columns);
                Json.Equal(ReportOracle.TopValues(errors, 1000, 200), report.TopInvalidValues);
                Json.Equal(ReportOracle.LineClusters(errors, gap, maxClusters), report.LineClusters);
            }
        });

    /// <summary>Pages own the bytes up to their closing brace; whitespace after the last page belongs to none.</summary>
    private static long CommittedBytes(byte[] bytes, ImportErrorAnalytics.Parsing.InputFormat format) =>
        format == ImportErrorAnalytics.Parsing.InputFormat.Ndjson ? bytes.Length : bytes.AsSpan().TrimEnd(" \t\r\n"u8).Length;
}
