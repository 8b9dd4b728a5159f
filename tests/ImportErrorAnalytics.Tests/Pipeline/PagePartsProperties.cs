using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ImportErrorAnalytics.Parsing;
using ImportErrorAnalytics.Reporting;
using ImportErrorAnalytics.Tests.Parsing;
using ImportErrorAnalytics.Tests.Support;

namespace ImportErrorAnalytics.Tests.Pipeline;

/// <summary>
/// A page handed out in parts commits whole or not at all: a run whose parts hold 1 to 4 records gives exactly the
/// report of a run that reads every page whole (the oracle), on damaged inputs too, with and without keep-going: the
/// same counts, the same skips, the same first error and the same partial report. Nothing of a page that fails
/// after some of its parts is counted, and nothing is counted twice.
/// </summary>
public class PagePartsProperties
{
    [Property(MaxTest = 200)]
    public Property Run_InPartsOfAnySize_GivesTheWholePagesReport_OnDamagedInputToo() =>
        Prop.ForAll(ErrorGenerators.ErrorsAndSeed, input =>
        {
            var (errors, seed) = input;
            var random = new Random(seed);
            var inputs = AnalyzerRuns.Inputs(errors, seed)
                .Select(i => random.Next(3) == 0 ? (i.Name, ParserProperties.Mutate(i.Bytes, random), i.Format) : i)
                .ToList();
            var keepGoing = random.Next(2) == 0;

            // Without keep-going the first failure ends the run: with one worker which failure is first does not depend on timing.
            var workers = keepGoing ? 1 + random.Next(3) : 1;

            var whole = Outcome(inputs, keepGoing, workers, ParserLimits.DefaultMaxRecordsPerPart);
            var parts = Outcome(inputs, keepGoing, workers, 1 + random.Next(4));

            Assert.Equal(whole, parts);
        });

    private static string Outcome(List<(string Name, byte[] Bytes, InputFormat Format)> inputs, bool keepGoing, int workers, int partSize)
    {
        try
        {
            return JsonReport.ToJson(AnalyzerRuns.Run(inputs, o =>
            {
                o.KeepGoing = keepGoing;
                o.MaxDegreeOfParallelism = workers;
                o.Limits.MaxRecordsPerPart = partSize;
                o.Limits.MaxValueBytes = 4096;
                o.Top = 1000;
            }));
        }
        catch (ImportErrorFormatException error)
        {
            return error.Message + "\n" + JsonReport.ToJson(error.PartialReport!);
        }
    }
}
