using System.IO.Hashing;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ImportErrorAnalytics.Fingerprints;
using ImportErrorAnalytics.Parsing;
using ImportErrorAnalytics.Pipeline;
using ImportErrorAnalytics.Testing;
using ImportErrorAnalytics.Tests.Parsing;
using ImportErrorAnalytics.Tests.Support;

namespace ImportErrorAnalytics.Tests.Sources;

/// <summary>
/// An input's fingerprint is XXH128 and length of exactly its bytes, in xxhsum's canonical form: whatever the reads
/// that brought them, whatever the reader (pages, parallel pages, NDJSON), and whatever the parser made of them (a
/// keep-going skip of the rest of an input still fingerprints the whole input).
/// </summary>
public class InputFingerprintProperties
{
    /// <summary>Vectors printed by <c>xxhsum -H2</c> (xxHash 0.8.1): the empty input, a short one, one past XXH3's 240-byte mid-size path.</summary>
    [Theory]
    [InlineData("", "99aa06d3014798d86001c324468d497f")]
    [InlineData("abc", "06b05ab6733a618578af5f94892f3950")]
    [InlineData("0123456789*30", "7ddadb70cbb43a6305681ea1b2e3086b")]
    public async Task Fingerprint_IsXxhsumsXxh128(string text, string xxhsum)
    {
        var bytes = Encoding.ASCII.GetBytes(text == "0123456789*30" ? string.Concat(Enumerable.Repeat("0123456789", 30)) : text);
        using var stream = new FingerprintingStream(new MemoryStream(bytes));

        await stream.ReadToEndAsync(CancellationToken.None);

        Assert.Equal(xxhsum, stream.Fingerprint.HashText);
        Assert.Equal(bytes.Length, stream.Fingerprint.Bytes);
        Assert.True(stream.Ended);
        Assert.Equal(InputFingerprint.ParseHash(xxhsum), stream.Fingerprint.Hash);
    }

    /// <summary>Any split of the bytes into reads, through the stream alone, gives the fingerprint of the bytes read at once.</summary>
    [Property(MaxTest = 200)]
    public Property Fingerprint_DoesNotDependOnHowTheBytesAreSplitIntoReads() =>
        Prop.ForAll(Gen.Choose(0, 40_000).ToArbitrary(), Gen.Choose(1, 5000).ArrayOf().ToArbitrary(), (length, chunks) =>
        {
            var bytes = new byte[length];
            new Random(length).NextBytes(bytes);
            using var whole = new FingerprintingStream(new MemoryStream(bytes));
            using var trickled = new FingerprintingStream(new TrickleStream(bytes, chunks));
            var buffer = new byte[1 + (chunks.Length == 0 ? 0 : chunks[0] % 7000)];
            while (trickled.Read(buffer) > 0)
            {
            }

            whole.ReadToEndAsync(CancellationToken.None).GetAwaiter().GetResult();

            Assert.Equal(new InputFingerprint(XxHash128.HashToUInt128(bytes), bytes.Length), whole.Fingerprint);
            Assert.Equal(whole.Fingerprint, trickled.Fingerprint);
        });

    /// <summary>
    /// Through a whole run: saved pages (read by one worker or split among several) and NDJSON, trickled in random
    /// reads, keep the fingerprint of their bytes; the errors each input committed add up to the run's.
    /// </summary>
    [Property(MaxTest = 60)]
    public Property ARunsInputs_KeepTheFingerprintOfTheirBytes_InAnySplitAndReader() =>
        Prop.ForAll(ErrorGenerators.ErrorsAndSeed, input =>
        {
            var (errors, seed) = input;
            var pages = RandomJson.Pages(ParserProperties.SplitIntoPages(errors, seed), seed);
            var ndjson = JsonText.Ndjson(errors);
            var chunks = ParserProperties.RandomChunks(seed);
            var snapshot = ImportErrorAnalyzer.CreateBuilder()
                .Configure(o => o.MaxDegreeOfParallelism = 1 + (seed % 4))
                .AddStream("pages", _ => ValueTask.FromResult<Stream>(new TrickleStream(pages, chunks)))
                .AddStream("errors.ndjson", _ => ValueTask.FromResult<Stream>(new TrickleStream(ndjson, chunks)), InputFormat.Ndjson)
                .Build().RunToSnapshotAsync().GetAwaiter().GetResult();

            var inputs = snapshot.Runs[0].Inputs;
            Assert.Equal(Of(pages), inputs[0].Fingerprint);
            Assert.Equal(Of(ndjson), inputs[1].Fingerprint);
            Assert.Equal([errors.Length, errors.Length], inputs.Select(i => i.Errors));
        });

    /// <summary>
    /// Damaged input under keep-going: the reader skips the rest of an input at its first malformed page, and the
    /// source still reads (without parsing) what is left, so the fingerprint is of every byte the input holds.
    /// </summary>
    [Property(MaxTest = 100)]
    public Property AnInputSkippedInPart_IsFingerprintedWhole() =>
        Prop.ForAll(ErrorGenerators.ErrorsAndSeed, input =>
        {
            var (errors, seed) = input;
            var random = new Random(seed);
            var bytes = ParserProperties.Mutate(RandomJson.Pages(ParserProperties.SplitIntoPages(errors, seed), seed), random);
            var snapshot = ImportErrorAnalyzer.CreateBuilder()
                .Configure(o =>
                {
                    o.KeepGoing = true;
                    o.MaxDegreeOfParallelism = 1 + (seed % 3);
                })
                .AddStream("damaged.json", _ => ValueTask.FromResult<Stream>(new TrickleStream(bytes, ParserProperties.RandomChunks(seed))))
                .Build().RunToSnapshotAsync().GetAwaiter().GetResult();

            var only = Assert.Single(snapshot.Runs[0].Inputs);
            Assert.Equal(Of(bytes), only.Fingerprint);
            Assert.Equal(snapshot.Counters.Errors, only.Errors);
        });

    /// <summary>
    /// Files, read whole (a small file of pages) or streamed (NDJSON), damaged or not, under keep-going: the fingerprint
    /// is of every byte of each file, as it is for a stream with the same bytes.
    /// </summary>
    [Property(MaxTest = 60)]
    public Property Files_ReadWholeOrStreamed_AreFingerprintedWhole() =>
        Prop.ForAll(ErrorGenerators.ErrorsAndSeed, input =>
        {
            var (errors, seed) = input;
            var random = new Random(seed);
            var pages = RandomJson.Pages(ParserProperties.SplitIntoPages(errors, seed), seed);
            var ndjson = JsonText.Ndjson(errors);
            if (random.Next(2) == 0)
            {
                pages = ParserProperties.Mutate(pages, random);
                ndjson = ParserProperties.Mutate(ndjson, random);
            }

            using var directory = new TempDirectory();
            var snapshot = ImportErrorAnalyzer.CreateBuilder()
                .Configure(o =>
                {
                    o.KeepGoing = true;
                    o.MaxDegreeOfParallelism = 1 + (seed % 3);
                })
                .AddPath(directory.File("pages.json", pages))
                .AddPath(directory.File("errors.ndjson", ndjson))
                .Build().RunToSnapshotAsync().GetAwaiter().GetResult();

            var inputs = snapshot.Runs[0].Inputs;
            Assert.Equal([Of(pages), Of(ndjson)], inputs.Select(i => i.Fingerprint));
        });

    /// <summary>A file of pages too large to read whole, whose first page is malformed: skipped, and fingerprinted whole.</summary>
    [Fact]
    public async Task ALargeFileSkippedAtItsFirstPage_IsFingerprintedWhole()
    {
        var page = JsonText.Page(new SyntheticImport(new SyntheticImportOptions { Seed = 3, Errors = 500 }).Generate(), after: null);
        byte[] bytes = [.. "{\"results\":[{]}"u8, .. Enumerable.Range(0, 1 + ((2 << 20) / page.Length)).SelectMany(_ => page)];
        using var directory = new TempDirectory();

        var snapshot = await ImportErrorAnalyzer.CreateBuilder()
            .Configure(o => o.KeepGoing = true)
            .AddPath(directory.File("big.json", bytes))
            .Build().RunToSnapshotAsync();

        Assert.True(bytes.Length > 2 << 20);
        Assert.Single(snapshot.Skipped);
        Assert.Equal(Of(bytes), Assert.Single(snapshot.Runs[0].Inputs).Fingerprint);
    }

    [Fact]
    public async Task APageTooLargeEarlyInABigInput_StillFingerprintsAllOfIt()
    {
        var tail = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("""{"results":[{"id":"x","errorType":"INVALID_EMAIL"}]}""" + "\n", 20_000)));
        byte[] bytes = [.. Encoding.UTF8.GetBytes("""{"results":[{"id":"big","invalidValue":" """ + new string('a', 100_000) + "\"}]}\n"), .. tail];

        var snapshot = await ImportErrorAnalyzer.CreateBuilder()
            .Configure(o =>
            {
                o.KeepGoing = true;
                o.Limits.MaxPageBytes = 50_000;
            })
            .AddStream("big.json", _ => ValueTask.FromResult<Stream>(new MemoryStream(bytes)))
            .Build().RunToSnapshotAsync();

        Assert.Single(snapshot.Skipped);
        Assert.Equal(0, snapshot.Counters.Errors);
        Assert.Equal(Of(bytes), Assert.Single(snapshot.Runs[0].Inputs).Fingerprint);
    }

    [Theory]
    [InlineData("99AA06D3014798D86001C324468D497F")]
    [InlineData("99aa06d3014798d86001c324468d497")]
    [InlineData("99aa06d3014798d86001c324468d497f0")]
    [InlineData("99aa06d3014798d86001c324468d497g")]
    [InlineData("+9aa06d3014798d86001c324468d497f")]
    [InlineData(" 99aa06d3014798d86001c324468d497")]
    [InlineData("")]
    public void AHashNotOf32LowercaseHexDigits_IsRefused(string text) =>
        Assert.Contains("32 lowercase hexadecimal digits", Assert.Throws<FormatException>(() => InputFingerprint.ParseHash(text)).Message, StringComparison.Ordinal);

    private static InputFingerprint Of(byte[] bytes) => new(XxHash128.HashToUInt128(bytes), bytes.Length);
}
