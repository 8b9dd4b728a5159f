using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ImportErrorAnalytics.Parsing;
using ImportErrorAnalytics.Testing;
using ImportErrorAnalytics.Tests.Shared;
using ImportErrorAnalytics.Tests.Support;

namespace ImportErrorAnalytics.Tests.Parsing;

public class ParserProperties
{
    [Property(MaxTest = 150)]
    public Property Parse_OfRandomlyFormattedPages_GivesBackTheErrors() =>
        Prop.ForAll(ErrorGenerators.ErrorsAndSeed, input =>
        {
            var (errors, seed) = input;
            var pages = SplitIntoPages(errors, seed);
            var bytes = RandomJson.Pages(pages, seed);

            var parsed = PageParsing.ParseAsync(bytes, RandomChunks(seed), limits: InParts(seed)).GetAwaiter().GetResult();

            Assert.Equal(pages.Count, parsed.Count);
            Assert.Equal(pages.Select(p => p.After), parsed.Select(p => p.After));
            Assert.Equal(errors.Select(ParsedError.Expected), PageParsing.Flatten(parsed));
        });

    [Property(MaxTest = 100)]
    public Property Parse_IsIndependentOfHowTheBytesAreSplit() =>
        Prop.ForAll(ErrorGenerators.ErrorsAndSeed, input =>
        {
            var (errors, seed) = input;
            var bytes = RandomJson.Page(errors, "cursor", seed);

            // In one span the record scan reads what it can prove valid; in random pieces the token paths take over
            // wherever a record is cut.
            var whole = PageParsing.ParseAsync(bytes, bufferSize: bytes.Length + 1).GetAwaiter().GetResult();
            var random = PageParsing.ParseAsync(bytes, RandomChunks(seed), limits: InParts(seed + 1)).GetAwaiter().GetResult();

            Assert.Equal(PageParsing.Flatten(whole), PageParsing.Flatten(random));
            Assert.Equal("cursor", Assert.Single(random).After);
        });

    /// <summary>
    /// The extreme split: one byte per read, so only the token paths can read (a token longer than what has arrived is
    /// read again from its start, which makes long values cost their length squared here: in the whole suite only).
    /// </summary>
    [Property(MaxTest = 100)]
    [Slow(SlowKind.Heavy)]
    public Property Parse_ByteByByte_EqualsTheParseInOneSpan() =>
        Prop.ForAll(ErrorGenerators.ErrorsAndSeed, input =>
        {
            var (errors, seed) = input;
            var bytes = RandomJson.Page(errors, "cursor", seed);

            var whole = PageParsing.ParseAsync(bytes, bufferSize: bytes.Length + 1).GetAwaiter().GetResult();
            var byteByByte = PageParsing.ParseAsync(bytes, [1], limits: InParts(seed)).GetAwaiter().GetResult();

            Assert.Equal(PageParsing.Flatten(whole), PageParsing.Flatten(byteByByte));
            Assert.Equal("cursor", Assert.Single(byteByByte).After);
        });

    [Property(MaxTest = 40)]
    public Property Parse_OfHubSpotsFullShape_IsIndependentOfHowTheBytesAreSplit() =>
        Prop.ForAll(Gen.Choose(0, int.MaxValue - 1).ToArbitrary(), seed =>
        {
            var random = new Random(seed);
            var options = new SyntheticImportOptions
            {
                Seed = seed,
                Errors = 1 + random.Next(20),
                IncludeRowData = random.Next(2) == 0,
                IncludeErrorMessage = random.Next(2) == 0,
                DistinctValuesPerColumn = 50,
            };
            var bytes = new SyntheticImport(options).ToPageBytes(1 + random.Next(8));

            var whole = PageParsing.Flatten(PageParsing.ParseAsync(bytes, bufferSize: bytes.Length + 1).GetAwaiter().GetResult());

            Assert.Equal(options.Errors, whole.Count);
            Assert.Equal(whole, PageParsing.Flatten(PageParsing.ParseAsync(bytes).GetAwaiter().GetResult()));
            Assert.Equal(whole, PageParsing.Flatten(PageParsing.ParseAsync(bytes, [1 + random.Next(3)], limits: InParts(seed)).GetAwaiter().GetResult()));
            Assert.Equal(whole, PageParsing.Flatten(PageParsing.ParseAsync(bytes, RandomChunks(seed), limits: InParts(seed + 1)).GetAwaiter().GetResult()));
        });

    [Property(MaxTest = 100)]
    public Property Parse_OfNdjson_GivesBackTheErrorsInAnySplit() =>
        Prop.ForAll(ErrorGenerators.ErrorsAndSeed, input =>
        {
            var (errors, seed) = input;
            var bytes = JsonText.Ndjson(errors);

            var parsed = PageParsing.ParseAsync(bytes, RandomChunks(seed), InputFormat.Ndjson, new ParserLimits { NdjsonBlockSize = 1 + (seed % 7) })
                .GetAwaiter().GetResult();

            Assert.Equal(errors.Select(ParsedError.Expected), PageParsing.Flatten(parsed));
        });

    [Property(MaxTest = 300)]
    public Property Parse_OfMutatedInput_SucceedsOrThrowsTheTypedException() =>
        Prop.ForAll(ErrorGenerators.ErrorsAndSeed, input =>
        {
            var (errors, seed) = input;
            var random = new Random(seed);
            var format = random.Next(3) == 0 ? InputFormat.Ndjson : InputFormat.Pages;
            var bytes = Mutate(format == InputFormat.Ndjson ? JsonText.Ndjson(errors) : RandomJson.Page(errors, "c", seed), random);
            try
            {
                PageParsing.ParseAsync(bytes, RandomChunks(seed), format, new ParserLimits { MaxValueBytes = 4096, MaxRecordsPerPart = 1 + (seed % 4) }).GetAwaiter().GetResult();
            }
            catch (ImportErrorFormatException error)
            {
                Assert.InRange(error.ByteOffset, 0, bytes.Length);
                Assert.Contains("test.json", error.Message, StringComparison.Ordinal);
            }
        });

    /// <summary>Limits whose parts hold 1 to 4 records, so the pages of the generators (0 to 5 records) come in parts.</summary>
    internal static ParserLimits InParts(int seed) => new() { MaxRecordsPerPart = 1 + (Math.Abs(seed) % 4) };

    internal static List<(IReadOnlyList<SyntheticError> Errors, string? After)> SplitIntoPages(SyntheticError[] errors, int seed)
    {
        var random = new Random(seed);
        var pages = new List<(IReadOnlyList<SyntheticError>, string?)>();
        var index = 0;
        do
        {
            var size = random.Next(0, 6);
            var page = errors.Skip(index).Take(size).ToArray();
            index += page.Length;
            pages.Add((page, index < errors.Length ? $"after-{pages.Count}" : null));
        }
        while (index < errors.Length);

        return pages;
    }

    internal static int[] RandomChunks(int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, 1 + random.Next(5)).Select(_ => random.Next(1, 300)).ToArray();
    }

    internal static byte[] Mutate(byte[] bytes, Random random)
    {
        var list = bytes.ToList();
        var mutations = 1 + random.Next(4);
        for (var i = 0; i < mutations && list.Count > 0; i++)
        {
            var at = random.Next(list.Count);
            switch (random.Next(5))
            {
                case 0: list[at] = (byte)random.Next(256); break;
                case 1: list.RemoveRange(at, Math.Min(list.Count - at, random.Next(1, 20))); break;
                case 2: list.InsertRange(at, Encoding.UTF8.GetBytes(Pick(random, "{", "}", "[", "]", "\"", ",", ":", "null", "\\u12", "1e999", "\u00ff"))); break;
                case 3: list.RemoveRange(at, list.Count - at); break;
                default: list[at] = (byte)Pick(random, "\"{}[],:0 n\\")[0]; break;
            }
        }

        return [.. list];
    }

    private static string Pick(Random random, params string[] options) => options[random.Next(options.Length)];
}
