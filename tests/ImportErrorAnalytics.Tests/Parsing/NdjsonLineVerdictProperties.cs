using System.IO.Pipelines;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ImportErrorAnalytics.Parsing;
using ImportErrorAnalytics.Pipeline;
using ImportErrorAnalytics.Reporting;
using ImportErrorAnalytics.Testing;
using ImportErrorAnalytics.Tests.Support;

namespace ImportErrorAnalytics.Tests.Parsing;

/// <summary>
/// One NDJSON line, one verdict: a line counts only when all of it is valid. A line that fails after its record closed
/// (<c>{...},</c>, <c>{...} x</c>, <c>{...}{...}</c>) counts nothing: skipped whole with keep-going, and not in the
/// partial report without it. Checked against an oracle that drops those lines, for any split of the bytes, block size
/// and record path.
/// </summary>
public class NdjsonLineVerdictProperties
{
    /// <summary>What can follow a complete record on its line: each makes the line invalid.</summary>
    private static readonly string[] Garbage =
    [
        ",", " ,", " x", "}", "]", "{}", " {\"id\":\"z\"}", "[]", "0", "null", "\"tail\"", ":", " //", "\u0001", "\t,\r",
    ];

    private static readonly Arbitrary<(SyntheticError[] Errors, int Seed)> Cases = Arb.From(
        from errors in ErrorGenerators.Errors
        from seed in Gen.Choose(0, int.MaxValue)
        select (errors, seed));

    [Property(MaxTest = 150)]
    public Property Reader_SkipsExactlyTheLinesWithTrailingGarbage_AndKeepsTheOthers() =>
        Prop.ForAll(Cases, input =>
        {
            var (bytes, bad) = Lines(input.Errors, new Random(input.Seed));
            var random = new Random(input.Seed ^ 0x5f5f);
            var skipped = new List<SkippedInput>();
            var parsed = Read(bytes, random, skipped.Add);

            Assert.Equal(input.Errors.Where((_, i) => !bad.Contains(i)).Select(ParsedError.Expected), parsed);
            Assert.Equal(bad.Select(i => i + 1), skipped.Select(s => s.Page));
            Assert.All(skipped, s => Assert.Equal("the line was skipped", s.Action));
        });

    [Property(MaxTest = 150)]
    public Property Reader_WithoutKeepGoing_HandsOutOnlyTheLinesBeforeTheFirstBadOne() =>
        Prop.ForAll(Cases, input =>
        {
            var (bytes, bad) = Lines(input.Errors, new Random(input.Seed));
            var random = new Random(input.Seed ^ 0x5f5f);
            var parsed = new List<ParsedError>();
            ImportErrorFormatException? error = null;
            try
            {
                parsed = Read(bytes, random, onSkip: null, handedOut: parsed);
            }
            catch (ImportErrorFormatException ex)
            {
                error = ex;
            }

            var first = bad.Count == 0 ? input.Errors.Length : bad.Min();
            Assert.Equal(input.Errors.Take(first).Select(ParsedError.Expected), parsed);
            Assert.Equal(bad.Count == 0 ? null : first + 1, error?.PageNumber);
        });

    /// <summary>Through the whole pipeline: a keep-going run equals a run over the good lines alone; a failing run's partial report is the good lines before the bad one.</summary>
    [Property(MaxTest = 60)]
    public Property Run_CountsOnlyWholeValidLines() =>
        Prop.ForAll(Cases, input =>
        {
            var (bytes, bad) = Lines(input.Errors, new Random(input.Seed));
            var good = input.Errors.Where((_, i) => !bad.Contains(i)).ToArray();
            var blockSize = 1 + (input.Seed % 5);
            void Configure(AnalyzerOptions o)
            {
                o.Limits.NdjsonBlockSize = blockSize;
                o.KeepGoing = true;
            }

            var kept = AnalyzerRuns.Run([("lines.ndjson", bytes, InputFormat.Ndjson)], Configure);
            var oracle = AnalyzerRuns.Run([("lines.ndjson", JsonText.Ndjson(good), InputFormat.Ndjson)], Configure);
            FakeHubSpotRuns.AssertSameCounts(oracle, kept);
            Assert.Equal(bad.Count, kept.Totals.Skipped);

            if (bad.Count > 0)
            {
                var failure = Assert.ThrowsAny<ImportErrorFormatException>(
                    () => AnalyzerRuns.Run([("lines.ndjson", bytes, InputFormat.Ndjson)], o => o.Limits.NdjsonBlockSize = blockSize));
                var before = AnalyzerRuns.Run([("lines.ndjson", JsonText.Ndjson(input.Errors.Take(bad.Min())), InputFormat.Ndjson)], o => o.Limits.NdjsonBlockSize = blockSize);
                Assert.False(failure.PartialReport!.Complete);
                FakeHubSpotRuns.AssertSameCounts(before, failure.PartialReport);
            }
        });

    /// <summary>The errors as NDJSON, some lines followed by garbage; returns the bytes and the indices of those lines.</summary>
    private static (byte[] Bytes, List<int> Bad) Lines(SyntheticError[] errors, Random random)
    {
        var text = new StringBuilder();
        var bad = new List<int>();
        for (var i = 0; i < errors.Length; i++)
        {
            text.Append(Encoding.UTF8.GetString(JsonText.Ndjson([errors[i]])).TrimEnd('\n'));
            if (random.Next(4) == 0)
            {
                text.Append(Garbage[random.Next(Garbage.Length)]);
                bad.Add(i);
            }

            text.Append(random.Next(5) == 0 ? "\r\n" : "\n");
        }

        return (Encoding.UTF8.GetBytes(text.ToString()), bad);
    }

    private static List<ParsedError> Read(byte[] bytes, Random random, Action<SkippedInput>? onSkip, List<ParsedError>? handedOut = null)
    {
        var records = handedOut ?? [];
        var limits = new ParserLimits { NdjsonBlockSize = 1 + random.Next(4) };
        var context = new ReadContext("lines.ndjson", 0, limits, new PagePool(), onSkip) { RecordFastPath = random.Next(2) == 0 };
        var chunks = Enumerable.Range(0, 1 + random.Next(5)).Select(_ => random.Next(1, 300)).ToArray();
        var pipe = PipeReader.Create(new TrickleStream(bytes, chunks), new StreamPipeReaderOptions(bufferSize: 4096, minimumReadSize: 1));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        Collect(NdjsonStreamReader.ReadAsync(pipe, context, timeout.Token), records).GetAwaiter().GetResult();
        return records;
    }

    private static async Task Collect(IAsyncEnumerable<ImportErrorPage> pages, List<ParsedError> records)
    {
        await foreach (var page in pages)
        {
            for (var i = 0; i < page.Count; i++)
            {
                records.Add(ParsedError.From(page[i]));
            }
        }
    }
}
