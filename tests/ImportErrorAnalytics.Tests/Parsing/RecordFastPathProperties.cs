using System.Buffers;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ImportErrorAnalytics.Parsing;
using ImportErrorAnalytics.Testing;
using ImportErrorAnalytics.Tests.Support;
using static ImportErrorAnalytics.Tests.Parsing.ParallelPageReaderProperties;

namespace ImportErrorAnalytics.Tests.Parsing;

/// <summary>
/// The parser reads most records on a fast path and leaves the rest to its token state machine. Whatever the input, the
/// outcome must be the state machine's alone: same pages and records, same skips, same first error with the same
/// message and offset. The state machine (fast path off) is the oracle.
/// </summary>
public class RecordFastPathProperties
{
    private const string Valid =
        """{"id":"v1","errorType":"INVALID_EMAIL","objectType":"CONTACT","knownColumnNumber":3,"invalidValue":"a@","sourceData":{"fileId":7,"lineNumber":2},"invalidPropertyValue":{"name":"email"}}""";

    [Property(MaxTest = 100)]
    public Property FastPath_OnRandomlyFormattedPages_GivesTheStateMachinesOutcome() =>
        Prop.ForAll(ErrorGenerators.ErrorsAndSeed, input =>
        {
            var (errors, seed) = input;
            var bytes = RandomJson.Pages(ParserProperties.SplitIntoPages(errors, seed), seed);
            var chunks = ParserProperties.RandomChunks(seed);

            var limits = ParserProperties.InParts(seed);
            var showStandard = seed % 2 == 0;
            var oracle = Read(bytes, chunks, workers: 0, limits, recordFastPath: false, showStandardSensitivity: showStandard);

            Assert.Null(oracle.Error);
            Assert.Equal(oracle, Read(bytes, chunks, workers: 0, limits, showStandardSensitivity: showStandard));
            Assert.Equal(oracle, Read(bytes, [], workers: 1 + (seed % 3), limits, showStandardSensitivity: showStandard));
            Assert.Equal(oracle, Read(bytes, [], workers: 0, limits, showStandardSensitivity: showStandard, bufferSize: bytes.Length + 1));
        });

    [Property(MaxTest = 300)]
    public Property FastPath_OnMutatedInput_GivesTheStateMachinesOutcome() =>
        Prop.ForAll(ErrorGenerators.ErrorsAndSeed, input =>
        {
            var (errors, seed) = input;
            var random = new Random(seed);
            var format = random.Next(3) == 0 ? InputFormat.Ndjson : InputFormat.Pages;
            var valid = format == InputFormat.Ndjson ? JsonText.Ndjson(errors) : RandomJson.Pages(ParserProperties.SplitIntoPages(errors, seed), seed);
            var bytes = ParserProperties.Mutate(valid, random);
            var chunks = ParserProperties.RandomChunks(seed);
            var limits = new ParserLimits { MaxValueBytes = 64 + random.Next(4096), NdjsonBlockSize = 1 + random.Next(5), MaxRecordsPerPart = 1 + random.Next(6) };
            var keepGoing = random.Next(2) == 0;

            var showStandard = random.Next(2) == 0;
            var oracle = Read(bytes, chunks, workers: 0, limits, keepGoing, recordFastPath: false, format, showStandard);

            Assert.Equal(oracle, Read(bytes, chunks, workers: 0, limits, keepGoing, recordFastPath: true, format, showStandard));

            // All of the input in one span: the record scan reads every record it can prove valid.
            var whole = bytes.Length + 1;
            Assert.Equal(
                Read(bytes, [], workers: 0, limits, keepGoing, recordFastPath: false, format, showStandard, whole),
                Read(bytes, [], workers: 0, limits, keepGoing, recordFastPath: true, format, showStandard, whole));
            if (format == InputFormat.Pages)
            {
                var workers = 1 + random.Next(2);
                Assert.Equal(
                    Read(bytes, [], workers, limits, keepGoing, recordFastPath: false, showStandardSensitivity: showStandard),
                    Read(bytes, [], workers, limits, keepGoing, recordFastPath: true, showStandardSensitivity: showStandard));
            }
        });

    /// <summary>Records the fast path must leave to the state machine, or take and fill exactly as it would.</summary>
    [Theory]
    [InlineData("""{"errorType":null,"objectType":null,"id":null,"invalidValue":null,"knownColumnNumber":null}""")]
    [InlineData("""{"error\u0054ype":"INVALID_EMAIL","\u0069d":"x"}""")]
    [InlineData("""{"errorType":"INVALID_\u0045MAIL","objectType":"CONT\u0041CT"}""")]
    [InlineData("""{"errorType":"FUTURE_ERROR_TYPE","objectType":"NEW_OBJECT"}""")]
    [InlineData("""{"knownColumnNumber":12345678901}""")]
    [InlineData("""{"knownColumnNumber":2147483647,"createdAt":9223372036854775807}""")]
    [InlineData("""{"knownColumnNumber":3.0}""")]
    [InlineData("""{"knownColumnNumber":-3,"createdAt":-1}""")]
    [InlineData("""{"knownColumnNumber":1e2}""")]
    [InlineData("""{"sourceData":{"lineNumber":-1}}""")]
    [InlineData("""{"sourceData":{"fileId":1e3,"lineNumber":0}}""")]
    [InlineData("""{"sourceData":null,"invalidPropertyValue":null}""")]
    [InlineData("""{"sourceData":[1,2]}""")]
    [InlineData("""{"invalidPropertyValue":"email"}""")]
    [InlineData("""{"id":5}""")]
    [InlineData("""{"createdAt":"1767225600000"}""")]
    [InlineData("""{"sourceData":{"containsEncryptedProperties":"yes"}}""")]
    [InlineData("""{"sourceData":{"containsEncryptedProperties":null},"invalidPropertyValue":{"isEncrypted":null,"dataSensitivity":null}}""")]
    [InlineData("""{"invalidValue":"secret","invalidPropertyValue":{"name":"ssn","isEncrypted":true}}""")]
    [InlineData("""{"invalidValue":"secret","invalidPropertyValue":{"dataSensitivity":"hi\u0067h"}}""")]
    [InlineData("""{"invalidValue":"secret","sourceData":{"containsEncryptedProperties":true}}""")]
    [InlineData("""{"invalidValue":"v","invalidPropertyValue":{"dataSensitivity":"standard"}}""")]
    [InlineData("""{"invalidValue":"v","invalidPropertyValue":{"dataSensitivity":"st\u0061ndard"}}""")]
    [InlineData("""{"invalidValue":"v","invalidPropertyValue":{"dataSensitivity":"restricted"}}""")]
    [InlineData("""{"invalidValue":"v","invalidPropertyValue":{"dataSensitivity":"high","dataSensitivity":"none"}}""")]
    [InlineData("""{"invalidValue":"v","invalidPropertyValue":{"dataSensitivity":5}}""")]
    [InlineData("""{"invalidValue":"v","invalidPropertyValue":{}}""")]
    [InlineData("""{"invalidValue":"v","invalidPropertyValue":{"dataSensitivity":"none"},"invalidPropertyValue":null}""")]
    [InlineData("""{"invalidValue":"v","invalidPropertyValue":{"dataSensitivity":"none","maskedSubstrings":{"substrings":[]}}}""")]
    [InlineData("""{"invalidValue":"v","invalidPropertyValue":{"dataSensitivity":"none","maskedSubstrings":{"substrings":[{"start":0,"end":3}]}}}""")]
    [InlineData("""{"invalidValue":"v","invalidPropertyValue":{"dataSensitivity":"none","maskedSubstrings":{"substrings":null}}}""")]
    [InlineData("""{"invalidValue":"v","invalidPropertyValue":{"dataSensitivity":"none","maskedSubstrings":{}}}""")]
    [InlineData("""{"invalidValue":"v","invalidPropertyValue":{"dataSensitivity":"none","maskedSubstrings":[]}}""")]
    [InlineData("""{"invalidValue":"v","invalidPropertyValue":{"dataSensitivity":"none","maskedSubstrings":[[],{}]}}""")]
    [InlineData("""{"invalidValue":"v","invalidPropertyValue":{"dataSensitivity":"none","maskedSubstrings":{"other":1}}}""")]
    [InlineData("""{"invalidValue":"v","invalidPropertyValue":{"dataSensitivity":"none","maskedSubstrings":{"subst\u0072ings":[1]}}}""")]
    [InlineData("""{"invalidValue":"v","invalidPropertyValue":{"dataSensitivity":"none","maskedSubstrings":{"substrings":{}}}}""")]
    [InlineData("""{"invalidValue":"v","invalidPropertyValue":{"dataSensitivity":"none","maskedSubstrings":"yes"}}""")]
    [InlineData("""{"invalidValue":"v","invalidPropertyValue":{"dataSensitivity":"none","maskedSubstrings":null,"maskedSubstrings":[0]}}""")]
    [InlineData("""{"invalidValue":"v","invalidPropertyValue":{"dataSensitivity":"none","maskedSubstrings":{"substrings":[{"start":0,"end":3}],"substrings":[]}}}""")]
    [InlineData("""{"invalidValue":"v","invalidPropertyValue":{"dataSensitivity":"none","maskedSubstrings":{"substrings":[{"start":0,"end":"<LONG>"}]}}}""")]
    [InlineData("""{"invalidValue":"v","invalidPropertyValue":{"dataSensitivity":"none","maskedSubstrings":{"substrings":[1,}}}""")]
    [InlineData("""{"invalidValueToDisplay":"shown","invalidValue":"raw"}""")]
    [InlineData("""{"invalidValue":"raw","invalidValueToDisplay":"shown"}""")]
    [InlineData("""{"invalidValue":"raw","invalidValueToDisplay":5}""")]
    [InlineData("""{"invalidValue":"raw","invalidValueToDisplay":null}""")]
    [InlineData("""{"invalidValueToDisplay":"one","invalidValueToDisplay":"two","invalidValue":"three","invalidValue":"four"}""")]
    [InlineData("""{"invalidValue":"tab\there \"quoted\" \u00e9 \ud83d\ude00"}""")]
    [InlineData("""{"invalidValue":"\ud800 alone"}""")]
    [InlineData("""{"invalidValue":"bad <FF> byte"}""")]
    [InlineData("""{"other":"bad <FF> byte","invalidValue":"fine"}""")]
    [InlineData("""{"invalidValue":"<LONG>"}""")]
    [InlineData("""{"other":"<LONG>","invalidValue":"fine"}""")]
    [InlineData("""{"deep":{"a":[{"b":{"c":[[[{}]]]}},null,true,1.5e3,"\"}"]},"sourceData":{"x":{"fileId":1},"fileId":2}}""")]
    [InlineData("""{"id":"a",}""")]
    [InlineData("""{"id":"a" "errorType":"INVALID_EMAIL"}""")]
    [InlineData("""{"invalidValue":"unterminated}]}""")]
    [InlineData("""{"sourceData":{"fileId":7,"lineNumber":tru}}""")]
    [InlineData("""["not","a","record"]""")]
    [InlineData("""{"results":[{"errorType":"INVALID_EMAIL"}]}""")]
    public void FastPath_OnEachUnusualRecord_GivesTheStateMachinesOutcome(string record)
    {
        var text = "{\"results\":[" + Valid + ", " + record + ", " + Valid + "],\"paging\":{\"next\":{\"after\":\"c\"}}}\n{\"results\":[" + Valid + "]}";
        var bytes = Bytes(text);
        foreach (var partSize in new[] { ParserLimits.DefaultMaxRecordsPerPart, 1 })
        {
            var limits = new ParserLimits { MaxValueBytes = 256, MaxRecordsPerPart = partSize };
            foreach (var chunks in new[] { [], [1], [7, 13], new[] { Valid.Length + 20 } })
            {
                foreach (var (keepGoing, showStandard) in new[] { (false, false), (true, false), (false, true) })
                {
                    var oracle = Read(bytes, chunks, workers: 0, limits, keepGoing, recordFastPath: false, showStandardSensitivity: showStandard);

                    Assert.Equal(oracle, Read(bytes, chunks, workers: 0, limits, keepGoing, showStandardSensitivity: showStandard));
                    Assert.Equal(oracle, Read(bytes, chunks, workers: 2, limits, keepGoing, showStandardSensitivity: showStandard));
                }
            }
        }

        var lines = Bytes(Valid + "\n" + record + "\n" + Valid + "\n");
        var lineLimits = new ParserLimits { MaxValueBytes = 256 };
        foreach (var (keepGoing, showStandard) in new[] { (false, false), (true, false), (false, true) })
        {
            Assert.Equal(
                Read(lines, [3], workers: 0, lineLimits, keepGoing, recordFastPath: false, InputFormat.Ndjson, showStandard),
                Read(lines, [3], workers: 0, lineLimits, keepGoing, recordFastPath: true, InputFormat.Ndjson, showStandard));
        }
    }

    [Fact]
    public void FastPath_ReadsOrdinaryRecordsAndLeavesOnlyTheUnusualOnes()
    {
        // The first sight of a name HubSpot added later (the synthetic import has two) goes through the state machine, which adds it
        // to the name table; from then on such records are ordinary too.
        var bytes = new SyntheticImport(new SyntheticImportOptions { Seed = 4, Errors = 200 }).ToPageBytes(200);
        Assert.Equal(200, ParseOnePage(bytes, out var fast, out var scanned));
        Assert.InRange(fast, 190, 200);
        Assert.InRange(scanned, 190, fast);
        Assert.Equal(200, ParseOnePage(bytes, out fast, out scanned));
        Assert.Equal(200, fast);
        Assert.Equal(200, scanned);

        // The scan leaves the null and the escaped name to the token paths (neither takes them: the state machine does).
        var text = $$"""{"results":[{{Valid}},{"errorType":null},{{Valid}},{"error\u0054ype":"INVALID_EMAIL"},{"invalidValue":"<FF>"}]}""";
        Assert.Equal(5, ParseOnePage(Bytes(text.Replace("<FF>", "x", StringComparison.Ordinal)), out fast, out scanned));
        Assert.Equal(3, fast);
        Assert.Equal(3, scanned);

        // A record the scan leaves (an escaped sensitivity level) but the reader's fast path takes.
        text = $$$"""{"results":[{{{Valid}}},{"invalidValue":"v","invalidPropertyValue":{"dataSensitivity":"st\u0061ndard"}},{{{Valid}}}]}""";
        Assert.Equal(3, ParseOnePage(Bytes(text), out fast, out scanned));
        Assert.Equal(3, fast);
        Assert.Equal(2, scanned);
    }

    /// <param name="readFast">Records taken by the scan or the reader's fast path.</param>
    /// <param name="scanned">Records taken by the scan.</param>
    private static int ParseOnePage(byte[] bytes, out int readFast, out int scanned)
    {
        var parser = new JsonErrorParser("test.json", new ParserLimits().MaxValueBytes, recordMode: false);
        var page = new PagePool(0).Rent();
        page.Reset("test.json", 0, 0, isResponsePage: true);
        parser.Begin(page, 1);
        Assert.True(parser.Parse(new ReadOnlySequence<byte>(bytes), isFinalBlock: false, out _));
        readFast = parser.RecordsReadFast + parser.RecordsScanned;
        scanned = parser.RecordsScanned;
        return page.Count;
    }

    /// <summary>The text as UTF-8, with <c>&lt;FF&gt;</c> as an invalid byte and <c>&lt;LONG&gt;</c> as 300 characters (over the tests' 256-byte limit).</summary>
    private static byte[] Bytes(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text.Replace("<LONG>", new string('x', 300), StringComparison.Ordinal)).ToList();
        var marker = Encoding.UTF8.GetBytes("<FF>");
        for (var at = IndexOf(bytes, marker); at >= 0; at = IndexOf(bytes, marker))
        {
            bytes.RemoveRange(at, marker.Length);
            bytes.Insert(at, 0xFF);
        }

        return [.. bytes];
    }

    private static int IndexOf(List<byte> bytes, byte[] marker) => bytes.ToArray().AsSpan().IndexOf(marker);
}
