using System.Buffers;
using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ImportErrorAnalytics.Parsing;
using ImportErrorAnalytics.Testing;
using ImportErrorAnalytics.Tests.Support;
using static ImportErrorAnalytics.Tests.Parsing.ParallelPageReaderProperties;

namespace ImportErrorAnalytics.Tests.Parsing;

/// <summary>
/// The record scan skips what no aggregator reads without tokenizing it (<see cref="JsonSpan"/>). It must never accept
/// what the reader refuses, must read what it takes exactly as the token paths do, and must leave every error to the
/// state machine: on HubSpot's full record shape (row data, error messages, the 20 fields of
/// <c>invalidPropertyValue</c>), valid or damaged, in one span or split anywhere, the outcome is the state machine's.
/// </summary>
public class RecordScanProperties
{
    private static readonly Gen<int> Seeds = Gen.Choose(0, int.MaxValue - 1);

    [Property(MaxTest = 60)]
    public Property Scan_OnFullShapePages_GivesTheStateMachinesOutcome_InOneSpanAndInAnySplit() =>
        Prop.ForAll(Seeds.ToArbitrary(), seed =>
        {
            var bytes = FullShapePages(seed);
            var random = new Random(seed);
            var limits = new ParserLimits { MaxRecordsPerPart = 1 + random.Next(40) };
            var oracle = Read(bytes, [], workers: 0, limits, recordFastPath: false);

            Assert.Null(oracle.Error);
            Assert.Equal(oracle, Read(bytes, [], workers: 0, limits, bufferSize: bytes.Length + 1));
            Assert.Equal(oracle, Read(bytes, ParserProperties.RandomChunks(seed), workers: 0, limits));
            Assert.Equal(oracle, Read(bytes, [], workers: 1 + random.Next(2), limits));
        });

    [Property(MaxTest = 300)]
    public Property Scan_OnDamagedFullShapePages_ReportsEveryErrorOfTheStateMachine_AtTheSamePlace() =>
        Prop.ForAll(Seeds.ToArbitrary(), seed =>
        {
            var random = new Random(seed);
            var valid = FullShapePages(seed);
            var bytes = random.Next(3) switch
            {
                0 => ParserProperties.Mutate(valid, random),
                1 => JsonDamage.Bytes(valid, random),
                _ => Hostile(valid, random),
            };
            var limits = new ParserLimits { MaxValueBytes = 64 + random.Next(4096), MaxRecordsPerPart = 1 + random.Next(40) };
            var keepGoing = random.Next(2) == 0;
            var whole = bytes.Length + 1;

            Assert.Equal(
                Read(bytes, [], workers: 0, limits, keepGoing, recordFastPath: false, bufferSize: whole),
                Read(bytes, [], workers: 0, limits, keepGoing, recordFastPath: true, bufferSize: whole));
            var workers = 1 + random.Next(2);
            Assert.Equal(
                Read(bytes, [], workers, limits, keepGoing, recordFastPath: false),
                Read(bytes, [], workers, limits, keepGoing, recordFastPath: true));
        });

    [Fact]
    public void Scan_TakesEveryRecordOfHubSpotsFullShape()
    {
        var options = new SyntheticImportOptions { Seed = 3, Errors = 300, IncludeRowData = true, IncludeErrorMessage = true, UnknownTypeRate = 0 };
        var bytes = new SyntheticImport(options).ToPageBytes(300);
        var parser = new JsonErrorParser("test.json", new ParserLimits().MaxValueBytes, recordMode: false);
        var page = new PagePool(0).Rent();
        page.Reset("test.json", 0, 0, isResponsePage: true);
        parser.Begin(page, 1);

        Assert.True(parser.Parse(new ReadOnlySequence<byte>(bytes), isFinalBlock: false, out _));
        Assert.Equal(300, page.Count);
        Assert.Equal(300, parser.RecordsScanned);
    }

    [Property(MaxTest = 500)]
    public Property Skip_AcceptsOnlyWhatTheReaderAccepts() =>
        Prop.ForAll(Seeds.ToArbitrary(), seed =>
        {
            var random = new Random(seed);
            var value = RandomValue(random, 0);
            var bytes = random.Next(4) == 0 ? Encoding.UTF8.GetBytes(value) : ParserProperties.Mutate(Encoding.UTF8.GetBytes(value), random);
            var wrapped = new byte[bytes.Length + 2];
            wrapped[0] = (byte)'[';
            bytes.CopyTo(wrapped, 1);
            wrapped[^1] = (byte)']';

            var end = JsonSpan.Value(wrapped, 1);
            var accepted = end > 0 && JsonSpan.SkipWhitespace(wrapped, end) == wrapped.Length - 1;
            if (accepted)
            {
                Assert.True(ReaderAccepts(wrapped), Encoding.UTF8.GetString(wrapped));
            }
        });

    [Property(MaxTest = 200)]
    public Property Skip_AcceptsValidJsonAsTheReaderTokenizesIt() =>
        Prop.ForAll(Seeds.ToArbitrary(), seed =>
        {
            var bytes = Encoding.UTF8.GetBytes(RandomValue(new Random(seed), 0, valid: true));

            Assert.True(ReaderAccepts(bytes));
            Assert.Equal(bytes.Length, JsonSpan.SkipWhitespace(bytes, JsonSpan.Value(bytes, JsonSpan.SkipWhitespace(bytes, 0))));
        });

    [Property(MaxTest = 300)]
    public Property Unescape_WritesWhatTheReaderCopies_OrIsUnsureWhereTheReaderRefuses() =>
        Prop.ForAll(Seeds.ToArbitrary(), seed =>
        {
            var random = new Random(seed);
            var text = new StringBuilder();
            for (var i = random.Next(12); i > 0; i--)
            {
                text.Append(random.Next(6) switch
                {
                    0 => "\\u" + random.Next(0xD700, 0xE000).ToString("X4", System.Globalization.CultureInfo.InvariantCulture),
                    1 => "\\ud83d\\ude00",
                    2 => "\\" + "\"\\/bfnrt"[random.Next(8)],
                    3 => "\\u00" + random.Next(256).ToString("x2", System.Globalization.CultureInfo.InvariantCulture),
                    4 => "é€",
                    _ => "plain",
                });
            }

            var body = Encoding.UTF8.GetBytes(text.ToString());
            var json = Encoding.UTF8.GetBytes("\"" + text + "\"");
            Assert.Equal(json.Length, JsonSpan.String(json, 0, out _));

            var target = new byte[body.Length];
            var written = JsonSpan.Unescape(body, target);
            var reader = new Utf8JsonReader(json);
            Assert.True(reader.Read());
            var copy = new byte[body.Length];
            int copied;
            try
            {
                copied = reader.CopyString(copy);
            }
            catch (InvalidOperationException)
            {
                Assert.Equal(JsonSpan.Unsure, written);
                return;
            }

            Assert.True(written >= 0, text.ToString());
            Assert.Equal(copy.AsSpan(0, copied).ToArray(), target.AsSpan(0, written).ToArray());
        });

    /// <summary>Pages of the generator's default (full) shape with row data and error messages, a few records each.</summary>
    private static byte[] FullShapePages(int seed)
    {
        var random = new Random(seed);
        var errors = 1 + random.Next(12);
        var options = new SyntheticImportOptions
        {
            Seed = seed,
            Errors = errors,
            IncludeRowData = random.Next(2) == 0,
            IncludeErrorMessage = random.Next(2) == 0,
            DistinctValuesPerColumn = 50,
            LargeValueRate = random.Next(3) == 0 ? 0.2 : 0,
            LargeValueLength = 100 + random.Next(300),
        };
        return new SyntheticImport(options).ToPageBytes(1 + random.Next(5));
    }

    /// <summary>Damage aimed at the skipped subtrees: a byte inside <c>rowData</c>, <c>invalidPropertyValue</c> or an error message.</summary>
    private static byte[] Hostile(byte[] valid, Random random)
    {
        var bytes = valid.ToArray();
        string[] anchors = ["\"rowData\":[", "\"sourceVid\":[", "\"errorMessage\":\"", "\"requestId\":\"", "\"timestamp\":", "\"isLargeValue\":", "\"substrings\":["];
        for (var i = 1 + random.Next(3); i > 0; i--)
        {
            var anchor = Encoding.UTF8.GetBytes(anchors[random.Next(anchors.Length)]);
            var at = bytes.AsSpan().IndexOf(anchor);
            if (at < 0)
            {
                continue;
            }

            at += anchor.Length + random.Next(4);
            if (at >= bytes.Length)
            {
                continue;
            }

            bytes[at] = "\"\\{}[],:0-.eE+tfn \u0001"u8[random.Next(19)];
        }

        return bytes;
    }

    private static bool ReaderAccepts(byte[] json)
    {
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 256 });
            while (reader.Read())
            {
            }

            return reader.BytesConsumed == json.Length || JsonSpan.SkipWhitespace(json, (int)reader.BytesConsumed) == json.Length;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>A JSON value of any shape, with whitespace, escapes and numbers of every form; not always valid unless <paramref name="valid"/>.</summary>
    private static string RandomValue(Random random, int depth, bool valid = false)
    {
        string[] scalars = valid
            ? ["0", "-0", "12", "-3.25", "1e9", "2E-3", "6.02e+23", "true", "false", "null", "\"\"", "\"a b\"", "\"q\\\"\\\\\\/\\b\\f\\n\\r\\t\"", "\"\\u00e9\\ud83d\\ude00\"", "\"é\""]
            : ["0", "-0", "01", "-", "1.", ".5", "1e", "1e+", "12", "-3.25", "1e9", "true", "tru", "false", "nul", "null", "\"\"", "\"a\\x\"", "\"\\u12g4\"", "\"\\ud800\"", "\"\u0001\"", "\"unterminated"];
        var space = valid || random.Next(2) == 0 ? new[] { "", " ", "\n", "\t", "\r\n" }[random.Next(5)] : "";
        if (depth > 3 || random.Next(3) == 0)
        {
            return space + scalars[random.Next(scalars.Length)] + space;
        }

        var items = Enumerable.Range(0, random.Next(4)).Select(_ => RandomValue(random, depth + 1, valid)).ToList();
        if (random.Next(2) == 0)
        {
            return space + "[" + string.Join(",", items) + "]" + space;
        }

        var names = new[] { "\"a\"", "\"rowData\"", "\"n\\u0061me\"", "\"\"" };
        return space + "{" + string.Join(",", items.Select(item => names[random.Next(names.Length)] + space + ":" + item)) + "}" + space;
    }
}
