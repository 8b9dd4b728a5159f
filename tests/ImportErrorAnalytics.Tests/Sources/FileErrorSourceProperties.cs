using System.IO.Hashing;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ImportErrorAnalytics.Fingerprints;
using ImportErrorAnalytics.Parsing;
using ImportErrorAnalytics.Sources;
using ImportErrorAnalytics.Testing;
using ImportErrorAnalytics.Tests.Parsing;
using ImportErrorAnalytics.Tests.Support;

namespace ImportErrorAnalytics.Tests.Sources;

/// <summary>
/// A file read whole (smaller than the limit) or streamed (larger, not seekable, or grown since its length was read)
/// gives what the sequential reader gives on the same bytes arriving in small pieces: the same pages, skips, first
/// error and byte offset.
/// </summary>
public class FileErrorSourceProperties
{
    [Property(MaxTest = 150)]
    public Property AFileOfPages_ReadWholeOrStreamed_GivesTheSequentialReadersOutcome() =>
        Prop.ForAll(ErrorGenerators.ErrorsAndSeed, input =>
        {
            var (errors, seed) = input;
            var random = new Random(seed);
            var bytes = RandomJson.Pages(ParserProperties.SplitIntoPages(errors, seed), seed);
            if (random.Next(3) == 0)
            {
                bytes = ParserProperties.Mutate(bytes, random);
            }

            var limits = new ParserLimits { MaxValueBytes = 64 + random.Next(4096), MaxRecordsPerPart = 1 + random.Next(6), MaxPageBytes = 64 + random.Next(bytes.Length + 64) };
            var keepGoing = random.Next(2) == 0;
            var wholeFileBytes = random.Next(3) switch { 0 => 1, 1 => bytes.Length + 1 + random.Next(64), _ => random.Next(bytes.Length + 2) };
            var workers = 1 + random.Next(3);
            using var directory = new TempDirectory();
            var path = directory.File("pages.json", bytes);

            // Half the runs capture rows (the failed rows' reading): the file source's paths must keep the same cells.
            var capture = seed % 2 == 0;
            var expected = ParallelPageReaderProperties.Read(bytes, ParserProperties.RandomChunks(seed), workers: 0, limits, keepGoing, captureRows: capture);
            var actual = ParallelPageReaderProperties.Read(
                (context, token) => new FileErrorSource(path, InputFormat.Pages, wholeFileBytes).ReadPagesAsync(context, token), limits, keepGoing, parseWorkers: workers, captureRows: capture);

            Assert.Equal(expected, actual);
        });

    [Fact]
    public void AnNdjsonFile_IsStreamedAsBefore()
    {
        var bytes = JsonText.Ndjson(new SyntheticImport(new SyntheticImportOptions { Seed = 5, Errors = 300 }).Generate());
        using var directory = new TempDirectory();
        var path = directory.File("errors.ndjson", bytes);

        var outcome = ParallelPageReaderProperties.Read((c, t) => new FileErrorSource(path, InputFormat.Ndjson, bytes.Length * 2).ReadPagesAsync(c, t));

        Assert.Equal(ParallelPageReaderProperties.Read(bytes, [], workers: 0, format: InputFormat.Ndjson, captureRows: false), outcome);
        Assert.Null(outcome.Error);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4_000)]
    public async Task AFileThatGrewAfterItsLengthWasRead_IsReadToItsEnd(int shortBy)
    {
        var bytes = new SyntheticImport(new SyntheticImportOptions { Seed = 4, Errors = 200 }).ToPageBytes(20);
        using var directory = new TempDirectory();
        var path = directory.File("pages.json", bytes);
        var file = new FileStream(path, FileMode.Open, FileAccess.Read);
        await using var hashed = new FingerprintingStream(file);

        var (pipe, rented) = FileErrorSource.Open(file, hashed, bytes.Length - shortBy, wholeFileBytes: bytes.Length * 2);
        using var read = new MemoryStream();
        await pipe.CopyToAsync(read);
        await pipe.CompleteAsync();
        await hashed.ReadToEndAsync(CancellationToken.None);

        Assert.NotNull(rented);
        Assert.Equal(bytes, read.ToArray());
        Assert.Equal(new InputFingerprint(XxHash128.HashToUInt128(bytes), bytes.Length), hashed.Fingerprint);
    }

    [Fact]
    public void AFileOfManyPages_ReadWhole_GivesTheStreamedFilesPages()
    {
        var bytes = new SyntheticImport(new SyntheticImportOptions { Seed = 8, Errors = 3_000 }).ToPageBytes(100);
        using var directory = new TempDirectory();
        var path = directory.File("pages.json", bytes);

        foreach (var workers in new[] { 1, 2 })
        {
            var whole = ParallelPageReaderProperties.Read((c, t) => new FileErrorSource(path, InputFormat.Pages, bytes.Length + 1).ReadPagesAsync(c, t), parseWorkers: workers);
            var streamed = ParallelPageReaderProperties.Read((c, t) => new FileErrorSource(path, InputFormat.Pages, wholeFileBytes: 1).ReadPagesAsync(c, t), parseWorkers: workers);

            Assert.Null(whole.Error);
            Assert.Equal(30, whole.Pages.Count);
            Assert.Equal(streamed, whole);
        }
    }

    [UnixFact]
    public async Task ANamedPipe_IsStreamed()
    {
        var bytes = JsonText.Page(new SyntheticImport(new SyntheticImportOptions { Seed = 2, Errors = 30 }).Generate(), after: null);
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Path, "pipe.json");
        var mkfifo = await Processes.RunAsync("mkfifo", [path], directory.Path);
        Assert.True(mkfifo.ExitCode == 0, mkfifo.Describe());

        var writer = Task.Run(() => File.WriteAllBytes(path, bytes));
        var outcome = await Task.Run(() => ParallelPageReaderProperties.Read((c, t) => new FileErrorSource(path, InputFormat.Pages).ReadPagesAsync(c, t)))
            .WaitAsync(TimeSpan.FromSeconds(30));
        await writer.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(ParallelPageReaderProperties.Read(bytes, [], workers: 0, captureRows: false), outcome);
        Assert.Single(outcome.Pages);
    }
}
